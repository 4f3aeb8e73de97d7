CREATE TABLE IF NOT EXISTS processed_messages (
    message_id TEXT PRIMARY KEY, transition_id TEXT NOT NULL,
    type TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ack_tokens (
    token_hash BLOB PRIMARY KEY, transition_id TEXT NOT NULL, unit_id TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_ack_tokens_unit ON ack_tokens(transition_id, unit_id);
CREATE TABLE IF NOT EXISTS acknowledgements (
    transition_id TEXT NOT NULL, unit_id TEXT NOT NULL, acknowledged_by TEXT NOT NULL,
    acknowledged_at TEXT NOT NULL, PRIMARY KEY (transition_id, unit_id));
CREATE TABLE IF NOT EXISTS sent_emails (
    message_id TEXT PRIMARY KEY, transition_id TEXT NOT NULL, unit_id TEXT NOT NULL,
    kind TEXT NOT NULL, recipient TEXT NOT NULL, sent_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    transition_id TEXT, unit_id TEXT, detail TEXT);
CREATE INDEX IF NOT EXISTS ix_audit_transition ON audit_log(transition_id);
