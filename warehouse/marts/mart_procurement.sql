-- Awards with what pages group by. counts_in_total is false for framework
-- agreements: their call-offs carry the money, so totals never count both.
CREATE OR REPLACE VIEW mart_procurement AS
SELECT p.buyer_cui, e.name AS buyer_name, p.contract_id, p.kind, p.parent_id, p.supplier_cui, p.supplier_name,
       p.title, p.cpv, substr(p.cpv, 1, 2) AS cpv_division, d.name_ro AS cpv_division_name,
       p.value, p.currency, p.award_date, year(p.award_date)::INTEGER AS year, p.procedure, p.offers, p.eu_funded,
       p.investment_code, p.kind <> 'framework_agreement' AS counts_in_total, p.load_id
FROM fact_procurement p
JOIN dim_entity e ON e.cui = p.buyer_cui
LEFT JOIN dim_cpv_division d ON d.division = substr(p.cpv, 1, 2);
