using System.Text.Json;
using CareTransitions.Configuration;
using CareTransitions.Workflow.Activities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;

namespace CareTransitions.Workflow;

/// <summary>
/// What the workflow gives Microsoft's Durable Task SDK, whichever backend the host picks: the
/// orchestrator and its activities, the payload converter, and the worker and client registrations.
/// </summary>
public static class DurableTaskHosting
{
    /// <summary>
    /// The converter's serializer settings (<see cref="CareTransitionsJson"/>), for a host whose Durable engine takes a
    /// serializer rather than a <see cref="DataConverter"/>.
    /// </summary>
    public static JsonSerializerOptions JsonOptions => CareTransitionsJson.Options;

    /// <summary>
    /// The converter for every input, output, event payload and custom status the workflow stores.
    /// </summary>
    // Must not change once instances are stored: the SDK's own default (PascalCase, enums as numbers) would read
    // today's histories as nulls, and would break on a reordered enum.
    public static DataConverter DataConverter { get; } = new JsonDataConverter(CareTransitionsJson.Options);

    /// <summary>The orchestrators: the care transition, the monthly steering-group report's eternal schedule, and the SIP meeting's mail.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } =
        [typeof(CareTransitionOrchestrator), typeof(Reports.MonthlyReportOrchestrator), typeof(Sip.SipDeliveryOrchestrator)];

    /// <summary>Their activities. The Functions app has one trigger per task here, under the same name (a test compares them).</summary>
    public static IReadOnlyList<Type> Activities { get; } =
        [typeof(RouteUnits), typeof(NotifyUnit), typeof(RecordOutcome), typeof(Reports.SendMonthlyReport), typeof(Sip.SendSipInvitation)];

    /// <summary>The orchestrators and activities, for a host to register on its worker.</summary>
    public static DurableTaskRegistry AddCareTransitionTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var orchestrator in Orchestrators)
        {
            tasks.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            tasks.AddActivity(activity);
        }

        return tasks;
    }

    /// <summary>
    /// The default worker with the workflow's tasks and the default client (both take the converter <c>AddWorkflow</c> registers).
    /// No backend: the host connects the same builders to one (<c>AddDurableTaskWorker(w => w.UseGrpc(…))</c>).
    /// </summary>
    internal static IServiceCollection AddCareTransitionsDurableTask(this IServiceCollection services)
    {
        services.AddDurableTaskWorker(worker => worker.AddTasks(tasks => tasks.AddCareTransitionTasks()));
        services.AddDurableTaskClient(_ => { });
        return services;
    }
}
