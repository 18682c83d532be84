-- The consolidated budget of each group: every line of the authority and its
-- subordinate units, less the transfers between them.
CREATE OR REPLACE VIEW mart_budget_consolidated AS
SELECT group_cui, year, month, kind, section, functional_code, economic_code,
       sum(initial_budget) AS initial_budget, sum(final_budget) AS final_budget,
       sum(commitments) AS commitments, sum(executed) AS executed
FROM v_budget_lines WHERE NOT intra_group
GROUP BY ALL;
