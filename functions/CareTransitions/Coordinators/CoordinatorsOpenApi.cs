using System.Text.Json.Nodes;
using CareTransitions.Directory;
using CareTransitions.Intake;
using CareTransitions.OpenApi;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Coordinators;

/// <summary>The coordinators' routes' OpenAPI description and examples.</summary>
internal static class CoordinatorsOpenApi
{
    public static RouteHandlerBuilder DocumentGet(this RouteHandlerBuilder route) => route
        .WithDescription("The workflow's status: phase, the law's deadlines (LOS 2017:612), and per receiving unit when it was notified, reminded, escalated and acknowledged, and by whom. No personal data. 404 for an id that is not a transition.")
        .WithResponseExample(StatusCodes.Status200OK, "readyForDischarge", "Utskrivningsklar, home health care has acknowledged, home care not yet", () => ExampleJson.Of(Transition()));

    public static RouteHandlerBuilder DocumentList(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .WithResponseExample(StatusCodes.Status200OK, "page", "One page of running transitions in Göteborg (1480)", () => ExampleJson.Of(new TransitionPage([Transition()], "eyJvZmZzZXQiOjEwMH0")));

    public static RouteHandlerBuilder DocumentTerminate(this RouteHandlerBuilder route) => route
        .WithDescription("Ends the transition as Terminated with the given reason (audited); its units get no more reminders. 202 once the engine has the request. 404 for an unknown id.");

    public static RouteHandlerBuilder DocumentPurge(this RouteHandlerBuilder route) => route
        .WithDescription("Deletes a finished transition's engine history (the statistics keep their outcome row). 409 while it still runs: terminate it first.")
        .WithResponseExample(StatusCodes.Status200OK, "purged", "The history is gone", () => ExampleJson.Of(new PurgeResult(1)))
        .WithResponseExample(StatusCodes.Status409Conflict, "stillRunning", "The transition still runs", () => ProblemExamples.Problem(
            409, "Conflict", "Only a finished transition can be purged; terminate it first."), EndpointDocumentation.ProblemJson);

    private static TransitionView Transition()
    {
        var ready = new DateTimeOffset(2026, 11, 24, 10, 40, 0, TimeSpan.FromHours(1));
        var notified = ready.AddMinutes(1);
        var deadlines = new TransitionDeadlines(
            AdmittedAt: ready.AddDays(-2).AddHours(-2), AdmissionNoticeAt: ready.AddDays(-2).AddHours(-2).AddMinutes(2), AdmissionNoticeDue: ready.AddDays(-1),
            AdmissionNoticeLate: false, ReadyForDischargeAt: ready, SipRequired: true, SipDue: new DateOnly(2026, 11, 27), SipCalledAt: null,
            PaymentRule: "Default3Days", PaymentResponsibilityFrom: new DateOnly(2026, 11, 28), WithdrawalCount: 0, DischargedAt: null);
        UnitStatus[] units =
        [
            new("1480-samordning", UnitType.MunicipalCoordination, "Göteborg kommun – Utskrivningssamordning", notified, notified.AddHours(4), null,
                notified.AddHours(8), null, null, null, null, null),
            new("1480-hemsjukvard", UnitType.HomeHealthCare, "Göteborg kommun – Hemsjukvård", notified, null, null, null, null, null,
                notified.AddMinutes(47), "Greta Gran", null),
        ];
        var status = new TransitionStatus(TransitionPhase.ReadyForDischarge, "1480", new Ward("SE2321000131-E000000012345", "Avdelning 12, Sahlgrenska"),
            CareType.Somatic, [Need.HomeCare, Need.HomeHealthCare], new DateOnly(2026, 11, 26), deadlines, units);
        return new TransitionView(IntakeOpenApi.ExampleTransitionId, OrchestrationRuntimeStatus.Running,
            ready.AddDays(-2).AddHours(-2).UtcDateTime, notified.AddMinutes(47).UtcDateTime, null, status, null);
    }
}
