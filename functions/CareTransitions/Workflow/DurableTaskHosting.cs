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

    /// <summary>The orchestrators (the care transition, the monthly report's schedule) and their activities, for a host to register on its worker.</summary>
    public static DurableTaskRegistry AddCareTransitionTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks
            .AddOrchestrator<CareTransitionOrchestrator>()
            .AddActivity<RouteUnits>()
            .AddActivity<NotifyUnit>()
            .AddActivity<RecordOutcome>()
            // The monthly steering-group report's schedule (eternal orchestration) and its one activity.
            .AddOrchestrator<Reports.MonthlyReportOrchestrator>()
            .AddActivity<Reports.SendMonthlyReport>();
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
