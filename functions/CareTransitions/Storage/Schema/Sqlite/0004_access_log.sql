CREATE TABLE access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, person_hsa_id TEXT NOT NULL, person_name TEXT NOT NULL,
    unit_hsa_id TEXT, transition_id TEXT, reference TEXT, what TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('visad', 'nekad', 'sökning', 'export')));
CREATE INDEX ix_access_log_transition ON access_log (transition_id, at);
CREATE INDEX ix_access_log_reference ON access_log (reference, at);
CREATE INDEX ix_access_log_person ON access_log (person_hsa_id, at);
CREATE INDEX ix_access_log_at ON access_log (at);
CREATE TRIGGER access_log_append_only BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only: an entry is never changed');
END;
