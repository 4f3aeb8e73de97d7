CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta(key, value) VALUES ('seq', 0);
CREATE TABLE IF NOT EXISTS outcomes (
    id INTEGER PRIMARY KEY,
    transition_id TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL,
    patient_pseudonym TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    ward_hsa_id TEXT NOT NULL,
    ward_name TEXT NOT NULL,
    care_type INTEGER NOT NULL,
    needs INTEGER NOT NULL,
    payment_rule TEXT NOT NULL,
    admitted_at TEXT,
    admission_notice_at TEXT,
    ready_at TEXT,
    discharged_at TEXT,
    sip_called_at TEXT,
    completed_at TEXT NOT NULL,
    start_at TEXT,
    end_day INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    end_month INTEGER NOT NULL,
    end_week INTEGER NOT NULL,
    days_ready INTEGER NOT NULL,
    payment_days INTEGER NOT NULL,
    withdrawals INTEGER NOT NULL,
    is_ready INTEGER NOT NULL,
    is_discharged INTEGER NOT NULL,
    ready_discharged INTEGER NOT NULL,
    same_day INTEGER NOT NULL,
    has_notice INTEGER NOT NULL,
    notice_on_time INTEGER NOT NULL,
    sip_required INTEGER NOT NULL,
    sip_on_time INTEGER NOT NULL,
    readmitted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_outcomes_seq ON outcomes(seq);
CREATE INDEX IF NOT EXISTS ix_outcomes_patient ON outcomes(patient_pseudonym);
CREATE INDEX IF NOT EXISTS ix_outcomes_end_day ON outcomes(end_day);
CREATE TABLE IF NOT EXISTS outcome_units (
    outcome_id INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    unit_type INTEGER NOT NULL,
    notified_at TEXT NOT NULL,
    reminded_at TEXT,
    escalated_at TEXT,
    acknowledged_at TEXT,
    ack_minutes INTEGER,
    is_acknowledged INTEGER NOT NULL,
    before_reminder INTEGER NOT NULL,
    before_escalation INTEGER NOT NULL,
    escalated INTEGER NOT NULL,
    PRIMARY KEY (outcome_id, ordinal)
) WITHOUT ROWID;
