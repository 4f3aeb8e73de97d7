using System.Text.Json;
using System.Text.Json.Serialization;
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
    /// The converter's serializer settings, for a host whose Durable engine takes a serializer rather than a
    /// <see cref="DataConverter"/> (Durable Functions isolated uses the worker's <c>WorkerOptions.Serializer</c>).
    /// </summary>
    // IMPORTANT: the same settings as DataConverter, for the same reason; declared first, as DataConverter is built from it.
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>
    /// The converter for every input, output, event payload and custom status the workflow stores:
    /// web defaults (camelCase, case-insensitive) with enums as their names.
    /// </summary>
    // IMPORTANT: must not change once instances are stored. Histories written with one setting are
    // replayed with the other, and a changed name casing would silently read nulls. These are the
    // settings the earlier engine stored with; the SDK's own default (PascalCase, enums as numbers)
    // would also break on a reordered enum.
    public static DataConverter DataConverter { get; } = new JsonDataConverter(JsonOptions);

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

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
