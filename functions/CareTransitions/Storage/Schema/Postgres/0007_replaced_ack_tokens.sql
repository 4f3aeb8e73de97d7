-- A link a coordinator replaced by resending it: kept until it expires, marked, so its page can say that a newer link was
-- sent instead of calling it unknown. Replaced tokens open nothing.
ALTER TABLE ack_tokens ADD COLUMN replaced_at timestamptz;
