-- The budget of each entity and year as of its latest report: appropriations
-- and execution to date.
CREATE OR REPLACE VIEW mart_budget AS
WITH latest AS (SELECT entity_cui, year, max(month) AS month FROM fact_budget GROUP BY ALL)
SELECT f.entity_cui, e.name AS entity_name, f.group_cui, f.year, f.month AS reported_month, f.report_date,
       f.kind, f.section, f.funding_source,
       f.functional_code, fn.name AS functional_name, fn.chapter_code, fn.chapter_name,
       f.economic_code, ec.name AS economic_name, ec.title_code AS economic_title, ec.title_name AS economic_title_name,
       f.initial_budget, f.final_budget, f.commitments, f.executed, f.intra_group, f.load_id
FROM v_budget_lines f
JOIN latest USING (entity_cui, year, month)
JOIN dim_entity e ON e.cui = f.entity_cui
LEFT JOIN dim_functional fn ON fn.code = f.functional_code
LEFT JOIN dim_economic ec ON ec.code = f.economic_code;
