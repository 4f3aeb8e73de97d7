CREATE TABLE revoked_sessions (session_id text PRIMARY KEY, revoked_until timestamptz NOT NULL);
