CREATE TABLE processed_messages (
    message_id text PRIMARY KEY, transition_id text NOT NULL,
    type text NOT NULL, channel text NOT NULL, received_at timestamptz NOT NULL);
CREATE TABLE ack_tokens (
    token_hash bytea PRIMARY KEY, transition_id text NOT NULL, unit_id text NOT NULL,
    created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
CREATE INDEX ix_ack_tokens_unit ON ack_tokens (transition_id, unit_id);
CREATE INDEX ix_ack_tokens_expires ON ack_tokens (expires_at);
CREATE TABLE acknowledgements (
    transition_id text NOT NULL, unit_id text NOT NULL, acknowledged_by text NOT NULL,
    acknowledged_at timestamptz NOT NULL, PRIMARY KEY (transition_id, unit_id));
CREATE TABLE sent_emails (
    message_id text PRIMARY KEY, transition_id text NOT NULL, unit_id text NOT NULL,
    kind text NOT NULL, recipient text NOT NULL, sent_at timestamptz NOT NULL);
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL,
    action text NOT NULL, transition_id text, unit_id text, detail text);
CREATE INDEX ix_audit_transition ON audit_log (transition_id);
CREATE TABLE data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, friendly_name text, xml text NOT NULL);
