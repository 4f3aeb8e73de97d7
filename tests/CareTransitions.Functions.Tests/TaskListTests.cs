using System.Reflection;
using CareTransitions.Functions.Workflow;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace CareTransitions.Functions.Tests;

/// <summary>
/// The workflow's task list is written once (<see cref="DurableTaskHosting"/>) for the SDK's worker; the Functions app
/// needs a trigger per task and this suite an adapter per trigger. A task added on one side only fails here, not at run time.
/// </summary>
public sealed class TaskListTests
{
    private static readonly IReadOnlyList<string> WorkerTasks =
        [.. DurableTaskHosting.Orchestrators.Concat(DurableTaskHosting.Activities).Select(t => t.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_task_of_the_worker_has_a_Functions_trigger_of_its_kind_and_no_trigger_is_without_a_task()
    {
        var triggers = typeof(WorkflowFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()?.Name, Kind: KindOf(m)))
            .Where(t => t.Name is not null && t.Kind is not null)
            .ToList();

        Assert.NotEmpty(triggers);
        Assert.Equal(WorkerTasks, triggers.Select(t => t.Name!).Order(StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.Equal(
            DurableTaskHosting.Orchestrators.Any(o => o.Name == t.Name) ? "orchestrator" : "activity", t.Kind));
    }

    [Fact]
    public void The_test_apps_adapters_are_the_worker_tasks()
    {
        var adapters = FunctionsTestApp.FunctionAdapters(() => throw new InvalidOperationException("not invoked")).Select(a => a.Name).Order(StringComparer.Ordinal);

        Assert.Equal(WorkerTasks, adapters);
    }

    private static string? KindOf(MethodInfo method) =>
        method.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null) ? "orchestrator"
        : method.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null) ? "activity"
        : null;
}
