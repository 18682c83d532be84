-- Marts: what releases publish and pages read. Views, so they are never stale;
-- publish materialises them into Parquet sorted by the key pages look up.

-- Every budget line with its group (an authority and its subordinate units)
-- and whether it is a transfer inside the group (consolidation_rules).
CREATE VIEW v_budget_lines AS
SELECT f.*,
       coalesce(e.parent_cui, e.cui) AS group_cui,
       EXISTS (
           SELECT 1 FROM consolidation_rules r
           WHERE r.kind = f.kind
             AND ((r.side = 'parent' AND e.parent_cui IS NULL
                   AND EXISTS (SELECT 1 FROM dim_entity s WHERE s.parent_cui = e.cui))
               OR (r.side = 'subordinate' AND e.parent_cui IS NOT NULL))
             AND starts_with(CASE r.code_column WHEN 'functional_code' THEN f.functional_code
                                               ELSE coalesce(f.economic_code, '') END, r.prefix)
       ) AS intra_group
FROM fact_budget f JOIN dim_entity e ON e.cui = f.entity_cui;

-- The budget of each entity and year as of its latest report: appropriations
-- and execution to date.
CREATE VIEW mart_budget AS
WITH latest AS (SELECT entity_cui, year, max(month) AS month FROM fact_budget GROUP BY ALL)
SELECT f.entity_cui, e.name AS entity_name, f.group_cui, f.year, f.month AS reported_month, f.report_date,
       f.kind, f.section, f.funding_source,
       f.functional_code, fn.name AS functional_name, fn.chapter_code, fn.chapter_name,
       f.economic_code, ec.name AS economic_name, ec.title_code AS economic_title, ec.title_name AS economic_title_name,
       f.initial_budget, f.final_budget, f.commitments, f.executed, f.intra_group
FROM v_budget_lines f
JOIN latest USING (entity_cui, year, month)
JOIN dim_entity e ON e.cui = f.entity_cui
LEFT JOIN dim_functional fn ON fn.code = f.functional_code
LEFT JOIN dim_economic ec ON ec.code = f.economic_code;

-- Monthly values from consecutive cumulative reports: this report's figure
-- less the previous report's for the same line (January: the figure itself).
-- A line missing from a report counts as zero there; a missing month makes
-- the next report cover two months (months_covered).
CREATE VIEW mart_budget_monthly AS
WITH reports AS (
    SELECT entity_cui, year, month,
           lag(month) OVER (PARTITION BY entity_cui, year ORDER BY month) AS prev_month
    FROM (SELECT DISTINCT entity_cui, year, month FROM fact_budget)
),
cur AS (SELECT f.*, r.prev_month FROM v_budget_lines f JOIN reports r USING (entity_cui, year, month)),
prev AS (
    SELECT f.*, r.month AS next_month
    FROM v_budget_lines f JOIN reports r
      ON r.entity_cui = f.entity_cui AND r.year = f.year AND r.prev_month = f.month
)
SELECT coalesce(c.entity_cui, p.entity_cui)           AS entity_cui,
       coalesce(c.group_cui, p.group_cui)             AS group_cui,
       coalesce(c.year, p.year)                       AS year,
       coalesce(c.month, p.next_month)                AS month,
       coalesce(c.month, p.next_month) - coalesce(c.prev_month, p.month, 0) AS months_covered,
       coalesce(c.kind, p.kind)                       AS kind,
       coalesce(c.section, p.section)                 AS section,
       coalesce(c.funding_source, p.funding_source)   AS funding_source,
       coalesce(c.functional_code, p.functional_code) AS functional_code,
       fn.chapter_code,
       coalesce(c.economic_code, p.economic_code)     AS economic_code,
       ec.title_code                                  AS economic_title,
       coalesce(c.final_budget, 0)                    AS final_budget,
       (coalesce(c.commitments, 0) - coalesce(p.commitments, 0))::DECIMAL(18,2) AS commitments,
       (coalesce(c.executed, 0) - coalesce(p.executed, 0))::DECIMAL(18,2)       AS executed,
       coalesce(c.commitments, 0)                     AS commitments_cumulative,
       coalesce(c.executed, 0)                        AS executed_cumulative,
       coalesce(c.intra_group, p.intra_group)         AS intra_group
FROM cur c
FULL OUTER JOIN prev p
  ON c.entity_cui = p.entity_cui AND c.year = p.year AND c.prev_month = p.month
 AND c.kind = p.kind AND c.section = p.section AND c.funding_source = p.funding_source
 AND c.functional_code = p.functional_code AND c.economic_code IS NOT DISTINCT FROM p.economic_code
LEFT JOIN dim_functional fn ON fn.code = coalesce(c.functional_code, p.functional_code)
LEFT JOIN dim_economic ec ON ec.code = coalesce(c.economic_code, p.economic_code);

-- The consolidated budget of each group: every line of the authority and its
-- subordinate units, less the transfers between them.
CREATE VIEW mart_budget_consolidated AS
SELECT group_cui, year, month, kind, section, functional_code, economic_code,
       sum(initial_budget) AS initial_budget, sum(final_budget) AS final_budget,
       sum(commitments) AS commitments, sum(executed) AS executed
FROM v_budget_lines WHERE NOT intra_group
GROUP BY ALL;

-- What consolidation eliminated on each side; a difference means transfers to
-- units outside the group, or reports that do not match.
CREATE VIEW mart_consolidation_check AS
SELECT group_cui, year, month,
       coalesce(sum(executed) FILTER (WHERE kind = 'cheltuieli'), 0) AS transfers_out,
       coalesce(sum(executed) FILTER (WHERE kind = 'venituri'), 0)   AS transfers_in,
       coalesce(sum(executed) FILTER (WHERE kind = 'cheltuieli'), 0)
         - coalesce(sum(executed) FILTER (WHERE kind = 'venituri'), 0) AS difference
FROM v_budget_lines WHERE intra_group
GROUP BY ALL;

CREATE VIEW mart_investments AS
SELECT i.entity_cui, e.name AS entity_name, i.code, i.year, i.name, i.functional_code, fn.chapter_code, fn.chapter_name,
       i.funding, i.status, i.total_value, i.planned_year, i.spent_year, i.spent_to_date, i.progress_pct,
       i.planned_start, i.planned_end, i.actual_start, i.actual_end,
       (SELECT count(*) FROM fact_procurement p WHERE p.buyer_cui = i.entity_cui AND p.investment_code = i.code) AS contracts
FROM fact_investment i
JOIN dim_entity e ON e.cui = i.entity_cui
LEFT JOIN dim_functional fn ON fn.code = i.functional_code;

-- Awards with what pages group by. counts_in_total is false for framework
-- agreements: their call-offs carry the money, so totals never count both.
CREATE VIEW mart_procurement AS
SELECT p.buyer_cui, e.name AS buyer_name, p.contract_id, p.kind, p.parent_id, p.supplier_cui, p.supplier_name,
       p.title, p.cpv, substr(p.cpv, 1, 2) AS cpv_division, d.name_ro AS cpv_division_name,
       p.value, p.currency, p.award_date, year(p.award_date)::INTEGER AS year, p.procedure, p.offers, p.eu_funded,
       p.investment_code, p.kind <> 'framework_agreement' AS counts_in_total
FROM fact_procurement p
JOIN dim_entity e ON e.cui = p.buyer_cui
LEFT JOIN dim_cpv_division d ON d.division = substr(p.cpv, 1, 2);

CREATE VIEW mart_suppliers AS
SELECT p.supplier_cui, s.name AS supplier_name,
       count(*)                                                  AS contracts,
       count(*) FILTER (WHERE p.kind = 'direct_purchase')        AS direct_purchases,
       count(*) FILTER (WHERE p.kind = 'framework_agreement')    AS framework_agreements,
       coalesce(sum(p.value) FILTER (WHERE p.kind <> 'framework_agreement'), 0)::DECIMAL(18,2) AS total_value,
       coalesce(sum(p.value) FILTER (WHERE p.kind = 'direct_purchase'), 0)::DECIMAL(18,2)     AS direct_purchase_value,
       count(DISTINCT p.buyer_cui)                               AS buyers,
       min(p.award_date)                                         AS first_award,
       max(p.award_date)                                         AS last_award
FROM fact_procurement p JOIN dim_supplier s ON s.cui = p.supplier_cui
GROUP BY ALL;

-- Requests by day received, channel, category, type and department: counts
-- and durations only. Overdue and open are as of the newest date in the data.
CREATE VIEW mart_requests_daily AS
WITH as_of AS (SELECT entity_cui, max(greatest(received, coalesce(answered, received))) AS d FROM fact_request GROUP BY ALL)
SELECT r.entity_cui, r.received AS date, r.channel, r.category, r.type, r.department,
       count(*)                                                                AS received,
       count(r.answered)                                                       AS answered,
       count(*) FILTER (WHERE r.answered <= r.received + r.term_days)          AS answered_within_term,
       count(*) FILTER (WHERE r.answered >  r.received + r.term_days)          AS answered_late,
       count(*) FILTER (WHERE r.answered IS NULL)                              AS open,
       count(*) FILTER (WHERE r.answered IS NULL AND a.d > r.received + r.term_days) AS open_overdue,
       count(*) FILTER (WHERE r.extended)                                      AS extended,
       coalesce(sum(r.answered - r.received), 0)::BIGINT                       AS answer_days_total
FROM fact_request r JOIN as_of a USING (entity_cui)
GROUP BY ALL;

-- How many requests took each number of days to answer: the frequency table
-- from which exact medians and percentiles are computed without the rows.
CREATE VIEW mart_requests_answer_days AS
SELECT entity_cui, year(received)::INTEGER AS year, month(received)::INTEGER AS month, channel, type, department,
       (answered - received)::INTEGER AS days_to_answer, term_days, count(*) AS requests
FROM fact_request WHERE answered IS NOT NULL
GROUP BY ALL;

-- The internal register: one row per request, for the dashboards.
CREATE VIEW mart_requests AS
SELECT r.entity_cui, r.request_id, r.received, r.channel, r.category, r.type, r.department, r.term_days, r.extended,
       r.received + r.term_days AS due, r.answered, r.status,
       (r.answered - r.received)::INTEGER AS days_to_answer,
       CASE WHEN r.answered IS NOT NULL THEN r.answered <= r.received + r.term_days END AS within_term
FROM fact_request r;

CREATE VIEW mart_entities AS
SELECT e.cui, e.siruta, e.name, e.kind, e.parent_cui, e.county, p.year AS population_year, p.population
FROM dim_entity e LEFT JOIN entity_population p USING (cui);
