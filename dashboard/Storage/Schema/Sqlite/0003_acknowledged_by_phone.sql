-- How each unit acknowledged: 1 for an acknowledgement received by phone (via telefon) and recorded by a coordinator.
-- Rows from before are 0: every acknowledgement then came through the link.
ALTER TABLE outcome_units ADD COLUMN by_phone INTEGER NOT NULL DEFAULT 0;
