namespace Dashboard.Storage;

/// <summary>The longer write statements, kept apart so <see cref="OutcomeWriter"/> reads as steps.</summary>
internal static class OutcomeSql
{
    // `readmitted` is left out of the update: RefreshReadmissions owns it, right after this statement.
    public const string Upsert = """
        INSERT INTO outcomes (transition_id, seq, patient_pseudonym, municipality_code, ward_hsa_id, ward_name,
            care_type, needs, payment_rule, admitted_at, admission_notice_at, ready_at, discharged_at, sip_called_at,
            completed_at, start_at, end_day, end_year, end_month, end_week, days_ready, payment_days, withdrawals,
            is_ready, is_discharged, ready_discharged, same_day, has_notice, notice_on_time, sip_required, sip_on_time, sip_call_recorded)
        VALUES (@transition_id, @seq, @patient, @municipality, @ward, @ward_name,
            @care_type, @needs, @payment_rule, @admitted_at, @notice_at, @ready_at, @discharged_at, @sip_called_at,
            @completed_at, @start_at, @end_day, @end_year, @end_month, @end_week, @days_ready, @payment_days, @withdrawals,
            @is_ready, @is_discharged, @ready_discharged, @same_day, @has_notice, @notice_on_time, @sip_required, @sip_on_time, @sip_call_recorded)
        ON CONFLICT (transition_id) DO UPDATE SET
            seq = excluded.seq, patient_pseudonym = excluded.patient_pseudonym,
            municipality_code = excluded.municipality_code, ward_hsa_id = excluded.ward_hsa_id,
            ward_name = excluded.ward_name, care_type = excluded.care_type, needs = excluded.needs,
            payment_rule = excluded.payment_rule, admitted_at = excluded.admitted_at,
            admission_notice_at = excluded.admission_notice_at, ready_at = excluded.ready_at,
            discharged_at = excluded.discharged_at, sip_called_at = excluded.sip_called_at,
            completed_at = excluded.completed_at, start_at = excluded.start_at, end_day = excluded.end_day,
            end_year = excluded.end_year, end_month = excluded.end_month, end_week = excluded.end_week,
            days_ready = excluded.days_ready, payment_days = excluded.payment_days,
            withdrawals = excluded.withdrawals, is_ready = excluded.is_ready,
            is_discharged = excluded.is_discharged, ready_discharged = excluded.ready_discharged,
            same_day = excluded.same_day, has_notice = excluded.has_notice,
            notice_on_time = excluded.notice_on_time, sip_required = excluded.sip_required,
            sip_on_time = excluded.sip_on_time, sip_call_recorded = excluded.sip_call_recorded
        RETURNING id;
        """;

    public const string InsertUnit = """
        INSERT INTO outcome_units (outcome_id, ordinal, unit_type, notified_at, reminded_at, escalated_at,
            acknowledged_at, ack_minutes, is_acknowledged, before_reminder, before_escalation, escalated, by_phone)
        VALUES (@outcome_id, @ordinal, @unit_type, @notified_at, @reminded_at, @escalated_at,
            @acknowledged_at, @ack_minutes, @is_acknowledged, @before_reminder, @before_escalation, @escalated, @by_phone);
        """;
}
