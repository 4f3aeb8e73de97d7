CREATE TABLE sip_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT, meeting_id TEXT NOT NULL UNIQUE, transition_id TEXT NOT NULL, sequence INTEGER NOT NULL,
    called_at TEXT NOT NULL, changed_at TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, place TEXT, video_link TEXT,
    participants TEXT NOT NULL, cancelled INTEGER NOT NULL, key_id TEXT NOT NULL, sealed BLOB NOT NULL);
CREATE INDEX ix_sip_meetings_transition ON sip_meetings(transition_id, id);
CREATE INDEX ix_sip_meetings_key ON sip_meetings(key_id);
CREATE TABLE sip_answers (
    token_hash BLOB PRIMARY KEY, transition_id TEXT NOT NULL, meeting_id TEXT NOT NULL, sequence INTEGER NOT NULL, unit_id TEXT NOT NULL,
    expires_at TEXT NOT NULL, answer TEXT, comment TEXT, answered_at TEXT);
CREATE INDEX ix_sip_answers_meeting ON sip_answers(meeting_id, sequence);
CREATE INDEX ix_sip_answers_transition ON sip_answers(transition_id);
