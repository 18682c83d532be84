-- What consolidation eliminated on each side; a difference means transfers to
-- units outside the group, or reports that do not match.
CREATE OR REPLACE VIEW mart_consolidation_check AS
SELECT group_cui, year, month,
       coalesce(sum(executed) FILTER (WHERE kind = 'cheltuieli'), 0) AS transfers_out,
       coalesce(sum(executed) FILTER (WHERE kind = 'venituri'), 0)   AS transfers_in,
       coalesce(sum(executed) FILTER (WHERE kind = 'cheltuieli'), 0)
         - coalesce(sum(executed) FILTER (WHERE kind = 'venituri'), 0) AS difference
FROM v_budget_lines WHERE intra_group
GROUP BY ALL;
