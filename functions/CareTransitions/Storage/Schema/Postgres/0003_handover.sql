CREATE TABLE handover_transitions (
    transition_id text PRIMARY KEY, reference text NOT NULL UNIQUE, created_at timestamptz NOT NULL, ended_at timestamptz);
CREATE INDEX ix_handover_transitions_ended ON handover_transitions (ended_at);
CREATE TABLE handover_versions (
    transition_id text NOT NULL, version integer NOT NULL, message_id text NOT NULL, recorded_at timestamptz NOT NULL,
    key_id text NOT NULL, sealed bytea NOT NULL, PRIMARY KEY (transition_id, version));
CREATE INDEX ix_handover_versions_message ON handover_versions (message_id);
CREATE INDEX ix_handover_versions_key ON handover_versions (key_id);
CREATE TABLE handover_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, transition_id text NOT NULL, posted_at timestamptz NOT NULL,
    party text NOT NULL, key_id text NOT NULL, sealed bytea NOT NULL);
CREATE INDEX ix_handover_messages_transition ON handover_messages (transition_id, id);
CREATE INDEX ix_handover_messages_key ON handover_messages (key_id);
