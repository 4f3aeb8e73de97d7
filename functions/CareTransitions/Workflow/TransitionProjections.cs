using Platform.Outcomes;

namespace CareTransitions.Workflow;

/// <summary>The two views of a transition's state: the live status and the final outcome for statistics.</summary>
internal static class TransitionProjections
{
    public static TransitionStatus ToStatus(TransitionState s) => new(
        s.Phase,
        s.First?.MunicipalityCode,
        s.First?.Ward,
        s.First?.CareType,
        s.Needs.ToList(),
        s.ExpectedDischargeDate,
        new TransitionDeadlines(
            s.AdmittedAt,
            s.AdmissionNoticeAt,
            s.AdmittedAt is { } admitted ? LawDeadlines.AdmissionNoticeDue(admitted) : null,
            IsAdmissionNoticeLate(s),
            s.ReadyForDischargeAt,
            s.SipRequired,
            s.SipRequired && s.ReadyForDischargeAt is { } ready ? LawDeadlines.SipDue(ready) : null,
            s.SipCalledAt,
            s.Settings.PaymentRule.Name,
            s.IsReady && s.First is not null ? s.Settings.PaymentRule.FirstPayingDay(s.ReadyPeriods[^1].NotifiedAt, s.First.CareType) : null,
            s.WithdrawalCount,
            s.DischargedAt,
            s.Sip.MeetingStart,
            s.Sip.Cancelled,
            s.SipReminderDue,
            s.Sip.RemindedAt,
            s.SipEscalationDue,
            s.Sip.EscalatedAt,
            s.Sip.EscalatedTo,
            s.First is null ? 0 : s.Settings.PaymentRule.PaymentDays(s.ReadyPeriods, s.First.CareType, s.AdmissionNoticeAt is not null),
            s.Settings.PaymentRule.RequiresAdmissionNotice && s.AdmissionNoticeAt is null),
        s.Units.Select(u => new UnitStatus(
            u.Unit.Id, u.Unit.Type, u.Unit.Name, u.NotifiedAt, s.ReminderDue(u), u.RemindedAt, s.EscalationDue(u),
            u.EscalatedAt, u.EscalatedTo, u.AcknowledgedAt, u.AcknowledgedBy, u.NotificationError,
            u.AcknowledgedAt is null ? null : u.AcknowledgedVia)).ToList(),
        s.Reference);

    public static TransitionOutcome ToOutcome(TransitionState s, DateTimeOffset completedAt)
    {
        var first = s.First ?? throw new InvalidOperationException("A transition completes only after a message.");
        return new TransitionOutcome(
            s.TransitionId,
            first.PatientPseudonym,
            first.MunicipalityCode,
            first.Ward.HsaId,
            first.Ward.Name,
            first.CareType.ToString(),
            s.Needs.Select(n => n.ToString()).ToList(),
            s.AdmittedAt,
            s.AdmissionNoticeAt,
            IsAdmissionNoticeLate(s),
            s.ReadyForDischargeAt,
            s.DischargedAt,
            PaymentResponsibilityRule.DaysReadyForDischarge(s.ReadyPeriods),
            s.WithdrawalCount,
            s.Settings.PaymentRule.PaymentDays(s.ReadyPeriods, first.CareType, s.AdmissionNoticeAt is not null),
            s.Settings.PaymentRule.Name,
            s.SipRequired,
            s.SipCalledAt,
            s.Units.Where(u => u.NotifiedAt is not null).Select(u => new UnitOutcome(
                u.Unit.Id, u.Unit.Type.ToString(), u.NotifiedAt!.Value, u.RemindedAt, u.EscalatedAt, u.AcknowledgedAt,
                u.AcknowledgedAt is null ? null : u.AcknowledgedVia.ToString())).ToList(),
            completedAt,
            SipCallRecorded: s.Settings.FollowsSipCall);
    }

    private static bool IsAdmissionNoticeLate(TransitionState s) =>
        s.AdmittedAt is { } admitted && s.AdmissionNoticeAt is { } notice && LawDeadlines.AdmissionNoticeLate(admitted, notice);
}
