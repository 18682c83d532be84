CREATE OR REPLACE VIEW mart_entities AS
SELECT e.cui, e.siruta, e.name, e.kind, e.parent_cui, e.county, p.year AS population_year, p.population, e.name_genitive
FROM dim_entity e LEFT JOIN entity_population p USING (cui);
