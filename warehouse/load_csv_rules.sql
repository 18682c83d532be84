-- The value rules of ingest/rules as DuckDB macros, for the SQL load path
-- of the canonical CSV (load_csv_sql.go; docs/mapping.md, "The SQL load
-- path"). They accept only the plain shapes the canonical format writes and
-- that the Go rules read the same way; anything else is not an error here
-- but a row handed back to the Go rules, whose sentence is the reject's
-- reason. Temporary: created on the load's connection.

-- strings.TrimSpace: every Unicode white space (unicode.IsSpace); DuckDB's
-- trim works code point by code point, as Go's.
-- The characters are put in by load_csv_sql.go (unicodeSpaces); the regular
-- expression first, because most cells have nothing to trim and a constant
-- expression is much faster than trim.
CREATE OR REPLACE TEMP MACRO deschis_trim(s) AS
    CASE WHEN regexp_matches(s, '^[{{unicode_spaces_re}}]|[{{unicode_spaces_re}}]$') THEN trim(s, '{{unicode_spaces}}') ELSE s END;

-- models.FixCedilla: ş ţ Ş Ţ written with the comma below.
CREATE OR REPLACE TEMP MACRO deschis_text(s) AS
    CASE WHEN regexp_matches(s, '[şţŞŢ]') THEN translate(s, 'şţŞŢ', 'șțȘȚ') ELSE s END;

-- models.FoldRomanian for the values an enum accepts: diacritics dropped,
-- lower case, runs of white space as one space; NULL unless the result is
-- ASCII (other letters go to the Go rules, whose lower-casing differs).
-- Each step only where it can change the text: translate only for a text
-- with a byte above ASCII, the runs of white space only where there is a
-- control space or two spaces together (a regular expression that matches
-- is much cheaper than translate or regexp_replace on every cell).
CREATE OR REPLACE TEMP MACRO deschis_fold_ascii(a) AS
    CASE WHEN strlen(a) = length(a) THEN
        CASE WHEN regexp_matches(a, '[\t\n\x{0B}\f\r]|  ') THEN regexp_replace(lower(a), '[\t\n\x{0B}\f\r ]+', ' ', 'g') ELSE lower(a) END
    END;
CREATE OR REPLACE TEMP MACRO deschis_fold(s) AS
    CASE WHEN regexp_matches(s, '[^\x{01}-\x{7F}]') THEN deschis_fold_ascii(translate(s, 'ăâîșşțţĂÂÎȘŞȚŢ', 'aaisstt' || 'AAISSTT'))
    ELSE deschis_fold_ascii(s) END;

-- models.NormalizeCUI on a code written as its digits alone: v the code,
-- n the same as a number (try_cast(v AS BIGINT), computed once by the
-- caller: a macro's argument is copied everywhere the macro uses it). The
-- check digit (models.CUICheckDigit, test key 753217532 over the body
-- n // 10) in one sum: the weighted digits sum_p w_p * d_p, with
-- d_p = q_p - 10 q_(p+1) and q_p = n // 10^(p+1), is
-- sum_p (w_p - 10 w_(p-1)) * q_p: nine divisions, no digit extracted.
-- deschis_cui_check is the check digit alone, for a column of codes the
-- pre-scan found all in shape (CSVFile.PlainCols).
CREATE OR REPLACE TEMP MACRO deschis_cui_check(n) AS
    (((2) * (n // 10) + (-17) * (n // 100) + (-25) * (n // 1000) + (-43) * (n // 10000) + (-69) * (n // 100000) + (-8) * (n // 1000000) + (-17) * (n // 10000000) + (-25) * (n // 100000000) + (-43) * (n // 1000000000)) * 10 % 11) % 10 = n % 10;
CREATE OR REPLACE TEMP MACRO deschis_cui_ok(v, n) AS
    regexp_full_match(v, '[0-9]{2,10}') AND deschis_cui_check(n);

-- rules.Integer, rules.MachineNumber (as bani), rules.Date (ISO), rules.CPV
-- on their plain shapes: -123; -123.4 or -123.45 (at most 15 digits before
-- the point); 2026-11-23 that the calendar has, from year 1000; 12345678-9.
-- (A constant regular expression is the fastest test DuckDB has for a shape.)
CREATE OR REPLACE TEMP MACRO deschis_int_ok(v) AS regexp_full_match(v, '-?[0-9]{1,18}');
CREATE OR REPLACE TEMP MACRO deschis_amount_ok(v) AS regexp_full_match(v, '-?[0-9]{1,15}(\.[0-9]{1,2})?');
CREATE OR REPLACE TEMP MACRO deschis_amount(v) AS (try_cast(v AS DECIMAL(18, 2)) * 100)::BIGINT;
CREATE OR REPLACE TEMP MACRO deschis_date_ok(v) AS
    regexp_full_match(v, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}') AND try_cast(v AS DATE) IS NOT NULL;
CREATE OR REPLACE TEMP MACRO deschis_cpv_ok(v) AS regexp_full_match(v, '[0-9]{8}-[0-9]');

-- rules.Bool: NULL for what it does not read. Simple CASEs, not IN lists:
-- DuckDB turns an IN list into a join that folds every cell.
CREATE OR REPLACE TEMP MACRO deschis_bool_folded(f) AS CASE f
    WHEN 'da' THEN true WHEN 'true' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true WHEN '1' THEN true WHEN 'x' THEN true
    WHEN 'nu' THEN false WHEN 'false' THEN false WHEN 'no' THEN false WHEN 'n' THEN false WHEN '0' THEN false END;
CREATE OR REPLACE TEMP MACRO deschis_bool(v) AS CASE v
    WHEN 'true' THEN true WHEN 'false' THEN false WHEN 'da' THEN true WHEN 'nu' THEN false
    ELSE deschis_bool_folded(deschis_fold(v)) END;
