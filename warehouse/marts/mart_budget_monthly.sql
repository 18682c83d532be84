-- The cumulative-to-monthly rule, published as budget_execution_monthly.
-- Monthly values from consecutive cumulative reports: this report's figure
-- less the previous report's for the same line (January: the figure itself).
-- A line missing from a report counts as zero there; a missing month makes
-- the next report cover two months (months_covered).
CREATE OR REPLACE VIEW mart_budget_monthly AS
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
