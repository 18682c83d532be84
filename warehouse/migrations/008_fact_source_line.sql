-- Per-row lineage: the file and the physical line (the first line of a row
-- whose cells hold line breaks) each fact row was read from, by the Go path
-- and the SQL path alike. Rows loaded before this migration have none.
ALTER TABLE fact_budget ADD COLUMN source_file VARCHAR;
ALTER TABLE fact_budget ADD COLUMN source_line BIGINT;
ALTER TABLE fact_investment ADD COLUMN source_file VARCHAR;
ALTER TABLE fact_investment ADD COLUMN source_line BIGINT;
ALTER TABLE fact_procurement ADD COLUMN source_file VARCHAR;
ALTER TABLE fact_procurement ADD COLUMN source_line BIGINT;
ALTER TABLE fact_request ADD COLUMN source_file VARCHAR;
ALTER TABLE fact_request ADD COLUMN source_line BIGINT;
