namespace Dashboard.Statistics;

/// <summary>The snapshot's incremental loads: only rows stamped with a newer change sequence.</summary>
internal static class SnapshotSql
{
    // IMPORTANT: in SQLite `<<` and `|` share one precedence level (in PostgreSQL too), so every shift is parenthesised.
    public const string ChangedEpisodes = """
        SELECT id, municipality_code, ward_hsa_id, ward_name, care_type, needs, end_day, days_ready,
               payment_days, withdrawals,
               is_ready | (is_discharged << 1) | (ready_discharged << 2) | (same_day << 3) | (has_notice << 4)
               | (notice_on_time << 5) | (sip_required << 6) | (sip_on_time << 7) | (readmitted << 8)
        FROM outcomes WHERE seq > @seq;
        """;

    public const string ChangedUnits = """
        SELECT u.outcome_id, u.unit_type, u.ack_minutes,
               u.is_acknowledged | (u.before_reminder << 1) | (u.before_escalation << 2) | (u.escalated << 3) | (u.by_phone << 4)
        FROM outcome_units u JOIN outcomes o ON o.id = u.outcome_id
        WHERE o.seq > @seq;
        """;
}
