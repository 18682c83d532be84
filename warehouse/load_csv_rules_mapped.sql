-- The value notations of a mapping (docs/mapping.md, "Numbers", "Dates") as
-- DuckDB macros, for the SQL load path of the csv format with a mapping
-- (load_csv_mapped.go). Beside load_csv_rules.sql, and like it: each macro
-- accepts only plain shapes on which it decides exactly as the Go rule
-- (ingest/rules: Number, Decimal.Amount, Decimal.Int, Date) and is NULL for
-- anything else, which is then not an error but a row handed to the Go rules.
-- The cell is already trimmed (deschis_trim). Temporary: created on the
-- load's connection.

-- rules.Number then Decimal.Amount(scale), as bani: an optional minus, at
-- most 15 digits before the decimal separator (grouped by three with the
-- thousands separator, or not at all), at most two after it; so the bani
-- times a scale of at most 92 (load_csv_mapped.go) fit a BIGINT exactly.
CREATE OR REPLACE TEMP MACRO deschis_bani(m, scale) AS (m::DECIMAL(17, 2) * 100)::BIGINT * scale;
CREATE OR REPLACE TEMP MACRO deschis_ro_amount(v, scale) AS
    CASE WHEN regexp_full_match(v, '-?([0-9]{1,3}(\.[0-9]{3}){1,4}|[0-9]{1,15})(,[0-9]{1,2})?')
    THEN deschis_bani(replace(replace(v, '.', ''), ',', '.'), scale) END;
CREATE OR REPLACE TEMP MACRO deschis_intl_amount(v, scale) AS
    CASE WHEN regexp_full_match(v, '-?([0-9]{1,3}(,[0-9]{3}){1,4}|[0-9]{1,15})(\.[0-9]{1,2})?')
    THEN deschis_bani(replace(v, ',', ''), scale) END;
-- auto decides per cell (rules.sniffSeparators): without separators, or one
-- separator followed by one or two digits (the decimal one), or both
-- separators (the last one is decimal), or the point or the comma at least
-- twice (thousands). A separator followed by three digits alone is
-- ambiguous: the Go rule rejects it.
CREATE OR REPLACE TEMP MACRO deschis_auto_amount(v, scale) AS CASE
    WHEN regexp_full_match(v, '-?[0-9]{1,15}([.,][0-9]{1,2})?') THEN deschis_bani(replace(v, ',', '.'), scale)
    WHEN regexp_full_match(v, '-?[0-9]{1,3}((\.[0-9]{3}){1,4},[0-9]{1,2}|(\.[0-9]{3}){2,4})') THEN deschis_bani(replace(replace(v, '.', ''), ',', '.'), scale)
    WHEN regexp_full_match(v, '-?[0-9]{1,3}((,[0-9]{3}){1,4}\.[0-9]{1,2}|(,[0-9]{3}){2,4})') THEN deschis_bani(replace(v, ',', ''), scale)
    END;

-- rules.Number then Decimal.Int: whole numbers of at most 18 digits.
CREATE OR REPLACE TEMP MACRO deschis_ro_int(v) AS
    CASE WHEN regexp_full_match(v, '-?([0-9]{1,3}(\.[0-9]{3}){1,5}|[0-9]{1,18})') THEN replace(v, '.', '')::BIGINT END;
CREATE OR REPLACE TEMP MACRO deschis_intl_int(v) AS
    CASE WHEN regexp_full_match(v, '-?([0-9]{1,3}(,[0-9]{3}){1,5}|[0-9]{1,18})') THEN replace(v, ',', '')::BIGINT END;
CREATE OR REPLACE TEMP MACRO deschis_auto_int(v) AS CASE
    WHEN regexp_full_match(v, '-?[0-9]{1,18}') THEN v::BIGINT
    WHEN regexp_full_match(v, '-?[0-9]{1,3}(\.[0-9]{3}){2,5}') THEN replace(v, '.', '')::BIGINT
    WHEN regexp_full_match(v, '-?[0-9]{1,3}(,[0-9]{3}){2,5}') THEN replace(v, ',', '')::BIGINT
    END;

-- rules.Date, one notation at a time. deschis_<n>_date is the day when the
-- cell has the notation's plain shape (the date, optionally a time of hours
-- and minutes, and seconds, after one space) and the calendar has it, from
-- year 1000; NULL otherwise. deschis_<n>_decided is true when the Go rule is
-- known to give the same: the plain shape (a day, or an impossible one that
-- Go refuses too), or a text that cannot start the notation at all (so Go
-- tries the next one). load_csv_mapped.go chains them in the mapping's order.
CREATE OR REPLACE TEMP MACRO deschis_dmy_shape(v) AS
    regexp_full_match(v, '[0-9]{1,2}(\.[0-9]{1,2}\.|/[0-9]{1,2}/|-[0-9]{1,2}-)[0-9]{4}( ([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?');
CREATE OR REPLACE TEMP MACRO deschis_dmy_date(v) AS CASE WHEN deschis_dmy_shape(v) AND right(split_part(v, ' ', 1), 4) >= '1000'
    THEN try_strptime(translate(split_part(v, ' ', 1), '/-', '..'), '%d.%m.%Y')::DATE END;
CREATE OR REPLACE TEMP MACRO deschis_dmy_decided(v) AS deschis_dmy_shape(v) OR NOT regexp_matches(v, '^[0-9]{1,2}[./-]');

CREATE OR REPLACE TEMP MACRO deschis_us_shape(v) AS
    regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( ([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?| (0?[1-9]|1[0-2]):[0-5][0-9](:[0-5][0-9])? [AaPp][Mm])?');
CREATE OR REPLACE TEMP MACRO deschis_us_date(v) AS CASE WHEN deschis_us_shape(v) AND right(split_part(v, ' ', 1), 4) >= '1000'
    THEN try_strptime(split_part(v, ' ', 1), '%m/%d/%Y')::DATE END;
CREATE OR REPLACE TEMP MACRO deschis_us_decided(v) AS deschis_us_shape(v) OR NOT regexp_matches(v, '^[0-9]{1,2}/');

CREATE OR REPLACE TEMP MACRO deschis_iso_shape(v) AS
    regexp_full_match(v, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?');
CREATE OR REPLACE TEMP MACRO deschis_iso_date(v) AS CASE WHEN deschis_iso_shape(v) AND v >= '1000'
    THEN try_cast(split_part(translate(v, 'T', ' '), ' ', 1) AS DATE) END;
CREATE OR REPLACE TEMP MACRO deschis_iso_decided(v) AS deschis_iso_shape(v) OR NOT regexp_matches(v, '^[0-9]{4}-');

-- Excel serials are left to the Go rule: only a text that cannot be one
-- is decided.
CREATE OR REPLACE TEMP MACRO deschis_excel_date(v) AS NULL::DATE;
CREATE OR REPLACE TEMP MACRO deschis_excel_decided(v) AS NOT regexp_matches(v, '^[0-9]');

-- rules.Fold of a value-map key, for the text a map compares: NULL unless
-- the folded text is ASCII (deschis_fold), so that a text the SQL fold could
-- read otherwise than Go's goes to the Go rules.
CREATE OR REPLACE TEMP MACRO deschis_map_key(s) AS deschis_fold(deschis_trim(s));
