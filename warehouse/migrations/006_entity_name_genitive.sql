-- The genitive-dative of each institution's name ("Municipiului Demo",
-- "Școlii Gimnaziale nr. 1 Demo"), for the sentences of the pages: given in
-- the entities file, or derived for the kinds of the reference list.
ALTER TABLE dim_entity ADD COLUMN name_genitive VARCHAR;
