-- The rules of SICAP's shapes (ingest/sicap: reader.go, values.go) as DuckDB
-- macros, for the SQL load path of the sicap format (load_csv_sicap.go).
-- Beside load_csv_rules.sql and load_csv_rules_mapped.sql, and like them: a
-- macro gives the Go rule's result on the plain shapes it knows and NULL for
-- anything else, which is then not an error but a row handed to the Go
-- reader. Temporary: created on the load's connection.

-- Reader's cell, after strings.TrimSpace (deschis_trim): the texts flattened
-- exports write for a missing field (missingCell) read as ''.
CREATE OR REPLACE TEMP MACRO deschis_sicap_missing(t) AS CASE t
    WHEN 'NA' THEN '' WHEN 'N/A' THEN '' WHEN 'null' THEN '' WHEN 'NULL' THEN '' WHEN 'None' THEN '' ELSE t END;

-- strings.Join(strings.Fields(s), " ") of a trimmed cell: each run of white
-- space (unicode.IsSpace) as one space.
CREATE OR REPLACE TEMP MACRO deschis_sicap_words(s) AS
    CASE WHEN regexp_matches(s, '[{{unicode_spaces_re}}]') THEN regexp_replace(s, '[{{unicode_spaces_re}}]+', ' ', 'g') ELSE s END;

-- splitNameAndCUI of "4267117 - MUNICIPIUL TIMISOARA": the code before the
-- first "-" (NULL without one), the name after it, both trimmed.
CREATE OR REPLACE TEMP MACRO deschis_sicap_code_of(s) AS
    CASE WHEN strpos(s, '-') > 0 THEN deschis_trim(left(s, strpos(s, '-') - 1)) END;
CREATE OR REPLACE TEMP MACRO deschis_sicap_name_of(s) AS
    CASE WHEN strpos(s, '-') > 0 THEN deschis_trim(substr(s, strpos(s, '-') + 1)) ELSE '' END;

-- rules.CPV: the code, also followed by its name after a space; NULL for
-- any other shape (another white space, a damaged code: the Go rule says
-- why).
CREATE OR REPLACE TEMP MACRO deschis_sicap_cpv(s) AS
    CASE WHEN regexp_full_match(s, '[0-9]{8}-[0-9]') OR regexp_matches(s, '^[0-9]{8}-[0-9] ') THEN left(s, 10) END;

-- contractTypeOf on the text compact gives (deschis_fold, then letters and
-- digits kept; load_csv_sicap.go computes it once): NULL when the fold is
-- not ASCII or the text is none of the known ways a contract is concluded.
CREATE OR REPLACE TEMP MACRO deschis_sicap_kind_compact(k) AS CASE
    WHEN k = '' THEN 'procedure_award'
    WHEN strpos(k, 'subsecvent') > 0 THEN 'call_off'
    WHEN strpos(k, 'acordcadru') > 0 OR strpos(k, 'acorduricadru') > 0 THEN 'framework_agreement'
    WHEN starts_with(k, 'contract') OR k = 'comanda' OR strpos(k, 'sistemdinamic') > 0 THEN 'procedure_award'
    END;

-- euFundNamed on the fund's name folded (deschis_fold): '-' and the ways of
-- saying none read as false; 'true' or 'false' for deschis_bool, NULL when
-- the fold is not ASCII.
CREATE OR REPLACE TEMP MACRO deschis_sicap_fund(f) AS CASE f
    WHEN '-' THEN 'false' WHEN 'nu' THEN 'false' WHEN 'niciunul' THEN 'false' WHEN 'nu este cazul' THEN 'false'
    WHEN 'false' THEN 'false' WHEN '0' THEN 'false' ELSE CASE WHEN f IS NOT NULL THEN 'true' END END;

-- The currency cell (value's): upper-cased, missing, LEI or RON is RON, a
-- code of three letters is itself; NULL for anything else (not ASCII
-- letters included: Go's upper-casing of other letters differs).
CREATE OR REPLACE TEMP MACRO deschis_sicap_currency(t) AS CASE
    WHEN t = '' THEN 'RON'
    WHEN regexp_full_match(t, '[A-Za-z/]{2,4}') AND upper(t) IN ('NA', 'N/A', 'NULL', 'LEI', 'RON') THEN 'RON'
    WHEN regexp_full_match(t, '[A-Za-z]{3}') THEN upper(t)
    END;

-- parseDate: rules.Date in the ISO then the Romanian notation, on the plain
-- shapes of deschis_iso_date and deschis_dmy_date (decided as the Go rule);
-- load_csv_sicap.go tests the window 1990–2100.
CREATE OR REPLACE TEMP MACRO deschis_sicap_date(t) AS (CASE
    WHEN deschis_iso_date(t) IS NOT NULL THEN deschis_iso_date(t) WHEN NOT deschis_iso_decided(t) THEN NULL
    WHEN deschis_dmy_date(t) IS NOT NULL THEN deschis_dmy_date(t) WHEN NOT deschis_dmy_decided(t) THEN NULL
    END);

-- models.NormalizeCUI's decorations that exports write most: the RO prefix
-- with or without a space, or a lone R, before the digits (what remains is
-- checked by deschis_cui_ok); any other text stays as it is.
CREATE OR REPLACE TEMP MACRO deschis_sicap_ro(s) AS
    CASE WHEN regexp_full_match(s, 'RO? ?[0-9]{2,10}') THEN regexp_replace(s, '^RO? ?', '') ELSE s END;

-- rules.SupplierCode: plain digits stay as written (a valid fiscal code is
-- its digits, any other code keeps them), and so do digits with / - _
-- (a foreign code such as 49/740/01441: never a fiscal code, and without
-- white space to remove); a decorated code is its digits when they are a
-- valid fiscal code. NULL for anything else (several winners, a code with
-- letters or a label): the Go rule reads it.
CREATE OR REPLACE TEMP MACRO deschis_sicap_supplier_digits(s, d) AS
    CASE WHEN regexp_full_match(s, '[0-9]*') OR regexp_full_match(s, '[0-9/_-]*[/_-][0-9/_-]*') THEN s
    WHEN d <> s AND deschis_cui_ok(d, try_cast(d AS BIGINT)) THEN d END;
CREATE OR REPLACE TEMP MACRO deschis_sicap_supplier(s) AS deschis_sicap_supplier_digits(s, deschis_sicap_ro(s));
