using Platform.Outcomes;

namespace Dashboard.Tests.Support;

/// <summary>Builds outcomes for hand-computed cases: sensible defaults, and only what a test cares about is set.</summary>
internal static class Outcome
{
    private static int _next;

    public static readonly DateTimeOffset Jan10 = new(2024, 1, 10, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>
    /// A somatic episode in Göteborg: admitted <paramref name="readyAt"/> minus two days, ready at
    /// <paramref name="readyAt"/>, discharged <paramref name="days"/> calendar days later at 14:00 Swedish time.
    /// </summary>
    public static TransitionOutcome Discharged(DateTimeOffset readyAt, int days, string? patient = null, string municipality = "1480") =>
        new(
            TransitionId: $"t-{Interlocked.Increment(ref _next)}",
            PatientPseudonym: patient ?? $"p-{_next}",
            MunicipalityCode: municipality,
            WardHsaId: "SE2321000131-E000000000001",
            WardName: "Medicin 1",
            CareType: "Somatic",
            Needs: ["HomeCare"],
            AdmittedAt: readyAt.AddDays(-2),
            AdmissionNoticeAt: readyAt.AddDays(-2).AddHours(3),
            AdmissionNoticeLate: false,
            ReadyForDischargeAt: readyAt,
            DischargedAt: new DateTimeOffset(readyAt.Date.AddDays(days).AddHours(14), readyAt.Offset),
            DaysReadyForDischarge: days,
            WithdrawalCount: 0,
            PaymentResponsibilityDays: Math.Max(0, days - 3),
            PaymentRule: "Default3Days",
            SipRequired: false,
            SipCalledAt: null,
            Units: [],
            CompletedAt: readyAt.AddDays(days + 1),
            SipCallRecorded: true);

    public static UnitOutcome Unit(string type, DateTimeOffset notified, int? ackAfterMinutes, int? remindAfterMinutes = null, int? escalateAfterMinutes = null) =>
        new(
            $"u-{type}",
            type,
            notified,
            remindAfterMinutes is { } r ? notified.AddMinutes(r) : null,
            escalateAfterMinutes is { } e ? notified.AddMinutes(e) : null,
            ackAfterMinutes is { } a ? notified.AddMinutes(a) : null);
}
