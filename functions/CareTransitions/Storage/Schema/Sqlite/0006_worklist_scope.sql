-- The work list's scope, known at intake: which municipality the transition was sent to and which ward sent it. NULL for
-- transitions started before this script, until the work list backfills them from the running instance's status.
ALTER TABLE handover_transitions ADD COLUMN municipality_code TEXT;
ALTER TABLE handover_transitions ADD COLUMN ward_hsa_id TEXT;
CREATE INDEX ix_handover_transitions_open_municipality ON handover_transitions(municipality_code) WHERE ended_at IS NULL;
CREATE INDEX ix_handover_transitions_open_ward ON handover_transitions(ward_hsa_id) WHERE ended_at IS NULL;
