-- A step's commit sends its lease check with its writes in one round trip; a lost lease aborts them all.
-- IMPORTANT: DL001 is PostgresSchema.LeaseLostState, the SQLSTATE the commit recognises (class DL is not PostgreSQL's own).
CREATE FUNCTION durable.require_lease(held boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT held THEN
        RAISE EXCEPTION 'the lease on this instance expired or was handed on' USING ERRCODE = 'DL001';
    END IF;
    RETURN true;
END $$;
