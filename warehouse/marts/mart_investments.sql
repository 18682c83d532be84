CREATE OR REPLACE VIEW mart_investments AS
SELECT i.entity_cui, e.name AS entity_name, i.code, i.year, i.name, i.functional_code, fn.chapter_code, fn.chapter_name,
       i.funding, i.status, i.total_value, i.planned_year, i.spent_year, i.spent_to_date, i.progress_pct,
       i.planned_start, i.planned_end, i.actual_start, i.actual_end,
       (SELECT count(*) FROM fact_procurement p WHERE p.buyer_cui = i.entity_cui AND p.investment_code = i.code) AS contracts,
       i.load_id
FROM fact_investment i
JOIN dim_entity e ON e.cui = i.entity_cui
LEFT JOIN dim_functional fn ON fn.code = i.functional_code;
