using CareTransitions.Notifications;
using CareTransitions.Reports;
using CareTransitions.Sip;
using CareTransitions.Workflow;
using CareTransitions.Workflow.Activities;
using Dashboard.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Platform.Outcomes;

namespace CareTransitions.Functions.Workflow;

/// <summary>
/// The orchestrators and activities <c>AddCareTransitionTasks()</c> registers on the SDK's worker, as Durable
/// Functions triggers: each one line calling the same class. Function names are the task names, so an
/// orchestrator's <c>CallActivityAsync(nameof(RouteUnits))</c> finds the function here.
/// </summary>
internal static class WorkflowFunctions
{
    [Function(nameof(CareTransitionOrchestrator))]
    public static Task<TransitionOutcome> CareTransition([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CareTransitionOrchestrator().RunAsync(context, context.GetInput<TransitionStart>()!);

    [Function(nameof(RouteUnits))]
    public static Task<RoutedUnits> RouteUnitsActivity([ActivityTrigger] RouteRequest input, FunctionContext function) =>
        Run<RouteUnits, RouteRequest, RoutedUnits>(function, input);

    [Function(nameof(NotifyUnit))]
    public static Task<NotificationResult> NotifyUnitActivity([ActivityTrigger] NotificationRequest input, FunctionContext function) =>
        Run<NotifyUnit, NotificationRequest, NotificationResult>(function, input);

    [Function(nameof(RecordOutcome))]
    public static Task<bool> RecordOutcomeActivity([ActivityTrigger] TransitionOutcome input, FunctionContext function) =>
        Run<RecordOutcome, TransitionOutcome, bool>(function, input);

    // The monthly report's eternal schedule, registered because AddCareTransitionTasks registers it. The Functions
    // app does not start it: its daily timer (MaintenanceFunctions.MonthlyReport) sends the report instead.
    [Function(nameof(MonthlyReportOrchestrator))]
    public static Task<string?> MonthlyReportSchedule([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MonthlyReportOrchestrator().RunAsync(context, context.GetInput<MonthlyReportScheduleInput?>());

    [Function(nameof(SendMonthlyReport))]
    public static Task<MonthlyReportDelivery> SendMonthlyReportActivity([ActivityTrigger] string input, FunctionContext function) =>
        Run<SendMonthlyReport, string, MonthlyReportDelivery>(function, input);

    [Function(nameof(SipDeliveryOrchestrator))]
    public static Task<int> SipDelivery([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SipDeliveryOrchestrator().RunAsync(context, context.GetInput<SipDelivery>()!);

    [Function(nameof(SendSipInvitation))]
    public static Task<bool> SendSipInvitationActivity([ActivityTrigger] SipInvitationRequest input, FunctionContext function) =>
        Run<SendSipInvitation, SipInvitationRequest, bool>(function, input);

    private static Task<TOut> Run<TActivity, TIn, TOut>(FunctionContext function, TIn input)
        where TActivity : TaskActivity<TIn, TOut>
    {
        var (activity, context) = FunctionsActivityContext.For<TActivity>(function);
        return activity.RunAsync(context, input);
    }
}
