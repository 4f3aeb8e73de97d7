CREATE TABLE revoked_sessions (session_id TEXT PRIMARY KEY, revoked_until TEXT NOT NULL);
