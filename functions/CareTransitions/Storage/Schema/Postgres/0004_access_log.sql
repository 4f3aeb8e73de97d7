CREATE TABLE access_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, person_hsa_id text NOT NULL, person_name text NOT NULL,
    unit_hsa_id text, transition_id text, reference text, what text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('visad', 'nekad', 'sökning', 'export')));
CREATE INDEX ix_access_log_transition ON access_log (transition_id, at);
CREATE INDEX ix_access_log_reference ON access_log (reference, at);
CREATE INDEX ix_access_log_person ON access_log (person_hsa_id, at);
CREATE INDEX ix_access_log_at ON access_log (at);
CREATE FUNCTION access_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only: an entry is never changed' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_refuse_update();
