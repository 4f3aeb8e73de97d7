using CareTransitions.Directory;
using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests.Worklist;

/// <summary>Transition statuses as the orchestrator keeps them, for the work list's pure parts.</summary>
internal static class WorklistStatuses
{
    public static readonly Ward OwnWard = new("SE2321000131-avd12", "Avdelning 12, Sahlgrenska");

    public static TransitionDeadlines Deadlines() => new(
        AdmittedAt: null, AdmissionNoticeAt: null, AdmissionNoticeDue: null, AdmissionNoticeLate: false, ReadyForDischargeAt: null,
        SipRequired: false, SipDue: null, SipCalledAt: null, PaymentRule: "Västra Götaland", PaymentResponsibilityFrom: null,
        WithdrawalCount: 0, DischargedAt: null);

    public static TransitionStatus Status(TransitionDeadlines? deadlines = null, string? municipality = "1480", Ward? ward = null, params UnitStatus[] units) =>
        new(TransitionPhase.Admitted, municipality, ward ?? OwnWard, CareType.Somatic, [], null, deadlines ?? Deadlines(), units, "VÖ-TEST");

    public static UnitStatus Unit(string unitId, DateTimeOffset? notified = null, DateTimeOffset? reminderDue = null, DateTimeOffset? reminded = null,
        DateTimeOffset? escalationDue = null, DateTimeOffset? escalated = null, DateTimeOffset? acknowledged = null) =>
        new(unitId, UnitType.MunicipalCoordination, unitId, notified, reminderDue, reminded, escalationDue, escalated, null, acknowledged,
            acknowledged is null ? null : "Anna", null);

    /// <summary>An instant in Swedish local time (winter: UTC+1; summer: UTC+2).</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        SwedishTime.StartOf(new DateOnly(year, month, day)).AddHours(hour).AddMinutes(minute);
}
