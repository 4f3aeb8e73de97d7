using Dashboard.Statistics;
using Platform.Outcomes;

namespace Dashboard.Storage;

/// <summary>
/// What the statistics need from one outcome, derived once when it is recorded so that both the snapshot
/// and the naive reference query read the same definitions. See docs/dashboard.md for each measure.
/// </summary>
internal sealed record OutcomeFacts(
    int CareType,
    int Needs,
    DateTimeOffset? StartAt,
    int EndDay,
    int DaysReady,
    bool IsReady,
    bool IsDischarged,
    bool ReadyDischarged,
    bool SameDay,
    bool HasNotice,
    bool NoticeOnTime,
    bool SipRequired, // a SIP was required and the outcome knows when it was called: the SIP measure's denominator
    bool SipOnTime,
    IReadOnlyList<UnitFacts> Units)
{
    // The law: SIP is to be called within 3 days of the ready-for-discharge notice.
    private static readonly TimeSpan SipDeadline = TimeSpan.FromDays(3);

    public static OutcomeFacts From(TransitionOutcome outcome)
    {
        var careType = CareTypes.Parse(outcome.CareType) ?? throw new ArgumentException(
            $"CareType '{outcome.CareType}' is not known; use \"Somatic\" or \"Psychiatric\".", nameof(outcome));
        var isReady = outcome.ReadyForDischargeAt is not null;
        var isDischarged = outcome.DischargedAt is not null;
        var hasNotice = outcome.AdmissionNoticeAt is not null;
        // SKR counts an episode in the period in which it ended: discharge, or completion when the stay ended otherwise.
        var endAt = outcome.DischargedAt ?? outcome.CompletedAt;
        // Counted only where the call time is the real one: before the workflow received the call, SipCalledAt was
        // primary care's acknowledgement, and a figure built on it would mislead; such outcomes show "uppgift saknas".
        var sipRequired = outcome.SipRequired && isReady && outcome.SipCallRecorded;

        return new OutcomeFacts(
            careType,
            NeedFlags.MaskOf(outcome.Needs),
            outcome.AdmittedAt ?? outcome.ReadyForDischargeAt,
            SwedishCalendar.DayOf(endAt),
            isReady ? Math.Max(0, outcome.DaysReadyForDischarge) : 0,
            isReady,
            isDischarged,
            isReady && isDischarged,
            isReady && isDischarged && outcome.DaysReadyForDischarge <= 0,
            hasNotice,
            hasNotice && !outcome.AdmissionNoticeLate,
            sipRequired,
            sipRequired && outcome.SipCalledAt is { } called && called - outcome.ReadyForDischargeAt!.Value <= SipDeadline,
            outcome.Units.Select(UnitFacts.From).ToList());
    }
}

/// <summary>One unit's notification, reduced to what the acknowledgement measures need.</summary>
/// <remarks>ByPhone: acknowledged via telefon, recorded by a coordinator rather than through the link.</remarks>
internal sealed record UnitFacts(int UnitType, int? AckMinutes, bool BeforeReminder, bool BeforeEscalation, bool Escalated, bool ByPhone = false)
{
    public static UnitFacts From(UnitOutcome unit)
    {
        int? minutes = unit.AcknowledgedAt is { } ack
            ? (int)Math.Max(0, Math.Floor((ack - unit.NotifiedAt).TotalMinutes))
            : null;
        var acked = unit.AcknowledgedAt;
        return new UnitFacts(
            UnitTypes.Parse(unit.UnitType),
            minutes,
            acked is not null && (unit.RemindedAt is null || acked < unit.RemindedAt),
            acked is not null && (unit.EscalatedAt is null || acked < unit.EscalatedAt),
            unit.EscalatedAt is not null,
            acked is not null && unit.AcknowledgedVia == "Phone");
    }
}
