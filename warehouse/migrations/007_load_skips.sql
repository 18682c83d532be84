-- The rows each file of a load passed over without a record, by reason
-- (models.SkipBlank, models.SkipOtherEntity, ...): not data, so neither
-- loaded nor rejected, but counted so that etl load and etl status say what
-- a load left out (a national export read with --only-entity skips most of
-- its rows).
CREATE TABLE load_skips (
    load_id BIGINT  NOT NULL,
    file_no INTEGER NOT NULL,
    reason  VARCHAR NOT NULL,
    rows    BIGINT  NOT NULL,
    PRIMARY KEY (load_id, file_no, reason)
);
