CREATE OR REPLACE VIEW mart_suppliers AS
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
