-- Until schema 3 the marts were views created by this migration. They are
-- now SQL files of their own (warehouse/marts/, one per mart), recreated each
-- time the warehouse is opened for writing; migrations keep tables only. The
-- number stays so that warehouses made before keep their schema version.
SELECT 1;
