-- The lease columns leave the indexes, so taking, renewing and handing back a lease (and most steps) are HOT
-- updates of the instance row (no index entries written); room on each page for them.
DROP INDEX durable.ix_instances_locked_by;
DROP INDEX durable.ix_instances_lock_expiration;
ALTER TABLE durable.instances SET (fillfactor = 80);
