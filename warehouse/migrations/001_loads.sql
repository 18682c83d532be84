-- Lineage: every load, every file of it, every rejected value.
CREATE SEQUENCE load_id_seq START 1;

-- One row per file of a load. Files skipped because their checksum was already
-- loaded leave no row: re-loading the same file changes nothing.
CREATE TABLE loads (
    load_id       BIGINT    NOT NULL,
    file_no       INTEGER   NOT NULL,
    dataset       VARCHAR   NOT NULL,
    source_format VARCHAR   NOT NULL,
    entity_cui    VARCHAR,
    path          VARCHAR   NOT NULL,
    sha256        VARCHAR   NOT NULL,
    bytes         BIGINT    NOT NULL,
    rows_read     BIGINT    NOT NULL,
    rows_loaded   BIGINT    NOT NULL,
    rows_rejected BIGINT    NOT NULL,
    rows_superseded BIGINT  NOT NULL DEFAULT 0,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP NOT NULL,
    outcome       VARCHAR   NOT NULL CHECK (outcome IN ('loaded', 'refused')),
    message       VARCHAR,
    PRIMARY KEY (load_id, file_no)
);

CREATE TABLE rejects (
    load_id     BIGINT  NOT NULL,
    file        VARCHAR NOT NULL,
    line        BIGINT  NOT NULL,
    column_name VARCHAR NOT NULL,
    value       VARCHAR,
    reason      VARCHAR NOT NULL
);

-- Releases published from this warehouse; the newest live one is current.
CREATE TABLE releases (
    release_id  VARCHAR   PRIMARY KEY,
    path        VARCHAR   NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    datasets    INTEGER   NOT NULL,
    rows        BIGINT    NOT NULL,
    bytes       BIGINT    NOT NULL
);
