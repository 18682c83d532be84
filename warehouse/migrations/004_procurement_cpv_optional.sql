-- A town's own contract register often has no CPV code, only the object of
-- the contract: such a contract is loaded with cpv NULL (unknown), counted in
-- every total, and shown as "fără cod CPV" in the CPV breakdowns.
ALTER TABLE fact_procurement ALTER COLUMN cpv DROP NOT NULL;
