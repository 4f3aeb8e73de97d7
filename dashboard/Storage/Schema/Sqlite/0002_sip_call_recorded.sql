-- Outcomes recorded before the SIP call was an event of the workflow carry primary care's acknowledgement as
-- sip_called_at: a proxy. They leave the SIP measure (its figure becomes "uppgift saknas" where only they remain);
-- sip_called_at itself is kept as it was stored. New outcomes say sip_call_recorded = 1.
ALTER TABLE outcomes ADD COLUMN sip_call_recorded INTEGER NOT NULL DEFAULT 0;
-- A new seq only when rows change, so the snapshot of a running instance reloads them.
UPDATE meta SET value = value + 1 WHERE key = 'seq' AND EXISTS (SELECT 1 FROM outcomes WHERE sip_required = 1);
UPDATE outcomes SET sip_required = 0, sip_on_time = 0, seq = (SELECT value FROM meta WHERE key = 'seq') WHERE sip_required = 1;
