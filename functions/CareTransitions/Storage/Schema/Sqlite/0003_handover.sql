CREATE TABLE handover_transitions (
    transition_id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, ended_at TEXT);
CREATE INDEX ix_handover_transitions_ended ON handover_transitions(ended_at);
CREATE TABLE handover_versions (
    transition_id TEXT NOT NULL, version INTEGER NOT NULL, message_id TEXT NOT NULL, recorded_at TEXT NOT NULL,
    key_id TEXT NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (transition_id, version));
CREATE INDEX ix_handover_versions_message ON handover_versions(message_id);
CREATE INDEX ix_handover_versions_key ON handover_versions(key_id);
CREATE TABLE handover_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, transition_id TEXT NOT NULL, posted_at TEXT NOT NULL, party TEXT NOT NULL,
    key_id TEXT NOT NULL, sealed BLOB NOT NULL);
CREATE INDEX ix_handover_messages_transition ON handover_messages(transition_id, id);
CREATE INDEX ix_handover_messages_key ON handover_messages(key_id);
