-- Every budget line with its group (an authority and its subordinate units)
-- and whether it is a transfer inside the group (consolidation_rules).
CREATE OR REPLACE VIEW v_budget_lines AS
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
