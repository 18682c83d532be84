-- Core: a star schema. Dimensions first, then facts. Amounts are DECIMAL(18,2)
-- lei: money is never a float. Facts carry no primary key: a load replaces
-- rows by key with DELETE + INSERT in its transaction, and uniqueness inside a
-- load is checked on staging (DuckDB's indexes would only slow bulk loads).

-- lei(bani): an integer number of bani as exact DECIMAL(18,2) lei.
CREATE MACRO lei(bani) AS (bani::DECIMAL(18,0) * 0.01::DECIMAL(3,2))::DECIMAL(18,2);

CREATE TABLE dim_entity (
    cui        VARCHAR PRIMARY KEY,
    siruta     INTEGER,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    parent_cui VARCHAR,
    county     VARCHAR NOT NULL,
    load_id    BIGINT  NOT NULL
);

CREATE TABLE entity_population (
    cui        VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    population BIGINT  NOT NULL,
    load_id    BIGINT  NOT NULL,
    PRIMARY KEY (cui, year)
);

-- Budget classification lines seen in the data, with the catalogue's names
-- resolved at load time (local form: chapter 65.02, subchapter 65.02.03).
CREATE TABLE dim_functional (
    code            VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    chapter_code    VARCHAR NOT NULL,
    chapter_name    VARCHAR NOT NULL,
    subchapter_code VARCHAR,
    subchapter_name VARCHAR,
    is_revenue      BOOLEAN NOT NULL
);

CREATE TABLE dim_economic (
    code         VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    title_code   VARCHAR NOT NULL,
    title_name   VARCHAR NOT NULL,
    article_code VARCHAR,
    article_name VARCHAR
);

CREATE TABLE dim_cpv_division (
    division VARCHAR PRIMARY KEY,
    name_ro  VARCHAR NOT NULL,
    name_en  VARCHAR NOT NULL
);

CREATE TABLE dim_supplier (
    cui     VARCHAR PRIMARY KEY,
    name    VARCHAR NOT NULL,
    load_id BIGINT  NOT NULL
);

CREATE TABLE dim_department (
    entity_cui VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    PRIMARY KEY (entity_cui, name)
);

CREATE TABLE dim_date AS
SELECT d::DATE                          AS date,
       year(d)                          AS year,
       month(d)                         AS month,
       quarter(d)                       AS quarter,
       isodow(d)                        AS iso_dow,
       isodow(d) <= 5                   AS weekday
FROM range(DATE '2000-01-01', DATE '2051-01-01', INTERVAL 1 DAY) t(d);

-- Cumulative execution reports: one row per line of the latest report of each
-- entity and period. A newer report for the same period replaces all its rows.
CREATE TABLE fact_budget (
    entity_cui      VARCHAR       NOT NULL,
    year            INTEGER       NOT NULL,
    month           INTEGER       NOT NULL CHECK (month BETWEEN 1 AND 12),
    report_date     DATE          NOT NULL,
    kind            VARCHAR       NOT NULL,
    section         VARCHAR       NOT NULL,
    funding_source  VARCHAR       NOT NULL,
    functional_code VARCHAR       NOT NULL,
    economic_code   VARCHAR,
    initial_budget  DECIMAL(18,2),
    final_budget    DECIMAL(18,2),
    commitments     DECIMAL(18,2),
    executed        DECIMAL(18,2) NOT NULL,
    load_id         BIGINT        NOT NULL
);

CREATE TABLE fact_investment (
    entity_cui      VARCHAR       NOT NULL,
    code            VARCHAR       NOT NULL,
    year            INTEGER       NOT NULL,
    name            VARCHAR       NOT NULL,
    functional_code VARCHAR       NOT NULL,
    funding         VARCHAR       NOT NULL,
    status          VARCHAR       NOT NULL,
    total_value     DECIMAL(18,2) NOT NULL,
    planned_year    DECIMAL(18,2),
    spent_year      DECIMAL(18,2),
    spent_to_date   DECIMAL(18,2),
    progress_pct    DECIMAL(5,2),
    planned_start   DATE,
    planned_end     DATE,
    actual_start    DATE,
    actual_end      DATE,
    load_id         BIGINT        NOT NULL
);

CREATE TABLE fact_procurement (
    buyer_cui       VARCHAR       NOT NULL,
    contract_id     VARCHAR       NOT NULL,
    kind            VARCHAR       NOT NULL,
    parent_id       VARCHAR,
    supplier_cui    VARCHAR       NOT NULL,
    supplier_name   VARCHAR       NOT NULL,
    title           VARCHAR       NOT NULL,
    cpv             VARCHAR       NOT NULL,
    value           DECIMAL(18,2) NOT NULL,
    currency        VARCHAR       NOT NULL,
    award_date      DATE          NOT NULL,
    procedure       VARCHAR,
    offers          INTEGER,
    eu_funded       BOOLEAN,
    investment_code VARCHAR,
    load_id         BIGINT        NOT NULL
);

CREATE TABLE fact_request (
    entity_cui VARCHAR NOT NULL,
    request_id VARCHAR NOT NULL,
    received   DATE    NOT NULL,
    channel    VARCHAR NOT NULL,
    category   VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,
    department VARCHAR NOT NULL,
    term_days  INTEGER NOT NULL,
    extended   BOOLEAN NOT NULL,
    answered   DATE,
    status     VARCHAR NOT NULL,
    load_id    BIGINT  NOT NULL
);

-- Which lines are transfers inside a group (an authority and its subordinate
-- units): eliminated in the consolidated view so money is not counted twice.
CREATE TABLE consolidation_rules (
    side        VARCHAR NOT NULL CHECK (side IN ('parent', 'subordinate')),
    kind        VARCHAR NOT NULL,
    code_column VARCHAR NOT NULL CHECK (code_column IN ('functional_code', 'economic_code')),
    prefix      VARCHAR NOT NULL,
    description VARCHAR NOT NULL
);
INSERT INTO consolidation_rules VALUES
    ('parent',      'cheltuieli', 'economic_code',   '51.01.01', 'Transferuri către instituții publice (ale ordonatorului principal către unitățile subordonate)'),
    ('parent',      'cheltuieli', 'economic_code',   '51.02.12', 'Transferuri de capital către instituțiile subordonate (investiții)'),
    ('subordinate', 'venituri',   'functional_code', '43.10.09', 'Subvenții pentru instituții publice (primite de la ordonatorul principal)'),
    ('subordinate', 'venituri',   'functional_code', '43.10.10', 'Subvenții din bugetele locale pentru finanțarea cheltuielilor curente din domeniul sănătății');
