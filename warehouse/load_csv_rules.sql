-- The value rules of ingest/rules as DuckDB macros, for the SQL load path
-- of the canonical CSV (load_csv_sql.go; docs/mapping.md, "The SQL load
-- path"). They accept only the plain shapes the canonical format writes and
-- that the Go rules read the same way; anything else is not an error here
-- but a row handed back to the Go rules, whose sentence is the reject's
-- reason. Temporary: created on the load's connection.

-- strings.TrimSpace: every Unicode white space (unicode.IsSpace), code
-- point by code point (DuckDB's trim works on grapheme clusters).
CREATE OR REPLACE TEMP MACRO deschis_trim(s) AS
    regexp_replace(s, '^[\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]+|[\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]+$', '', 'g');

-- models.FixCedilla: ş ţ Ş Ţ written with the comma below.
CREATE OR REPLACE TEMP MACRO deschis_text(s) AS translate(s, 'şţŞŢ', 'șțȘȚ');

-- models.FoldRomanian for the values an enum accepts: diacritics dropped,
-- lower case, runs of white space as one space; NULL unless the result is
-- ASCII (other letters go to the Go rules, whose lower-casing differs).
CREATE OR REPLACE TEMP MACRO deschis_fold_ascii(a) AS
    CASE WHEN strlen(a) = length(a) THEN regexp_replace(lower(a), '[\t\n\x{0B}\f\r ]+', ' ', 'g') END;
CREATE OR REPLACE TEMP MACRO deschis_fold(s) AS deschis_fold_ascii(translate(s, 'ăâîșşțţĂÂÎȘŞȚŢ', 'aaisstt' || 'AAISSTT'));

-- models.CUICheckDigit over the nine digits of a body padded with zeros
-- (test key 753217532).
CREATE OR REPLACE TEMP MACRO deschis_cui_digit(b) AS
    (((ord(substr(b, 1, 1)) - 48) * 7 + (ord(substr(b, 2, 1)) - 48) * 5 + (ord(substr(b, 3, 1)) - 48) * 3
    + (ord(substr(b, 4, 1)) - 48) * 2 + (ord(substr(b, 5, 1)) - 48) * 1 + (ord(substr(b, 6, 1)) - 48) * 7
    + (ord(substr(b, 7, 1)) - 48) * 5 + (ord(substr(b, 8, 1)) - 48) * 3 + (ord(substr(b, 9, 1)) - 48) * 2) * 10 % 11) % 10;

-- models.NormalizeCUI on a code written as its digits alone.
CREATE OR REPLACE TEMP MACRO deschis_cui_ok(v) AS
    regexp_full_match(v, '[0-9]{2,10}') AND deschis_cui_digit(lpad(left(v, length(v) - 1), 9, '0')) = ord(right(v, 1)) - 48;

-- rules.Integer, rules.MachineNumber (as bani), rules.Date (ISO), rules.CPV
-- on their plain shapes.
CREATE OR REPLACE TEMP MACRO deschis_int_ok(v) AS regexp_full_match(v, '-?[0-9]{1,18}');
CREATE OR REPLACE TEMP MACRO deschis_amount_ok(v) AS regexp_full_match(v, '-?[0-9]{1,15}(\.[0-9]{1,2})?');
CREATE OR REPLACE TEMP MACRO deschis_amount(v) AS (try_cast(v AS DECIMAL(18, 2)) * 100)::BIGINT;
CREATE OR REPLACE TEMP MACRO deschis_date_ok(v) AS
    regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND v >= '1000' AND try_cast(v AS DATE) IS NOT NULL;
CREATE OR REPLACE TEMP MACRO deschis_cpv_ok(v) AS regexp_full_match(v, '[0-9]{8}-[0-9]');

-- rules.Bool: NULL for what it does not read.
CREATE OR REPLACE TEMP MACRO deschis_bool(v) AS CASE
    WHEN deschis_fold(v) IN ('da', 'true', 'yes', 'y', '1', 'x') THEN true
    WHEN deschis_fold(v) IN ('nu', 'false', 'no', 'n', '0') THEN false END;
