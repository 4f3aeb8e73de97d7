using Microsoft.Extensions.Logging;

namespace Durable.Runtime;

/// <summary>What one orchestration step produced.</summary>
internal sealed record ExecutionResult
{
    /// <summary>History events to append for this step, in order.</summary>
    public required List<HistoryEvent> NewHistory { get; init; }

    public required IReadOnlyList<OrchestratorAction> NewActions { get; init; }

    /// <summary>Running, Suspended, Completed, Failed or Terminated.</summary>
    public required OrchestrationRuntimeStatus Status { get; init; }

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    /// <summary>Set when the orchestrator called ContinueAsNew and finished: the new input and carried-over events.</summary>
    public (string? Input, IReadOnlyList<(string Name, string? Payload)> Events)? ContinueAsNew { get; init; }

    /// <summary>
    /// Ends the instance as Failed without running its code further: the history records only this step's
    /// start and the failure, so nothing half-done reaches it.
    /// </summary>
    public static ExecutionResult FailedWithoutRunning(TaskFailureDetails failure, string? customStatus, DateTime now) => new()
    {
        NewHistory =
        [
            new HistoryEvent(EventType.OrchestratorStarted, now),
            new HistoryEvent(EventType.ExecutionCompleted, now) { Status = OrchestrationRuntimeStatus.Failed, Failure = failure },
        ],
        NewActions = [],
        Status = OrchestrationRuntimeStatus.Failed,
        Failure = failure,
        CustomStatus = customStatus,
    };
}

/// <summary>
/// Replays an orchestration's history through its code, then applies the new messages and collects
/// what the code asked for. Pure with respect to storage: the caller commits the result.
/// </summary>
internal sealed class OrchestrationExecutor(DurableTaskRegistry registry, IServiceProvider services, ILoggerFactory loggerFactory)
{
    private readonly DurableTaskRegistry registry = registry;
    private readonly IServiceProvider services = services;
    private readonly ILoggerFactory loggerFactory = loggerFactory;

    public ExecutionResult Execute(InstanceState instance, IReadOnlyList<HistoryEvent> history, IReadOnlyList<HistoryEvent> newEvents, DateTime now)
    {
        var run = new Run(this, instance);
        try
        {
            run.Context.Replaying = true;
            foreach (var e in history)
            {
                run.Apply(e, fromHistory: true);
            }

            run.Context.Replaying = false;
            run.Append(new HistoryEvent(EventType.OrchestratorStarted, now));
            foreach (var e in newEvents)
            {
                if (run.IsFinished)
                {
                    // Messages after the end are consumed and dropped, except events a ContinueAsNew carries over.
                    run.ArrivedAfterFinish(e);
                    continue;
                }

                run.Append(e);
            }

            return run.Finish(now);
        }
        catch (NonDeterministicOrchestrationException e)
        {
            // IMPORTANT: record only the failure: none of this step's half-replayed actions reach the history.
            return ExecutionResult.FailedWithoutRunning(TaskFailureDetails.FromException(e), instance.CustomStatus, now);
        }
    }

    private sealed class Run(OrchestrationExecutor executor, InstanceState instance)
    {
        private readonly ReplayTaskScheduler scheduler = new();
        private readonly Queue<HistoryEvent> heldWhileSuspended = new();
        private readonly List<HistoryEvent> newHistory = [];
        private readonly List<(string Name, string? Payload)> eventsAfterFinish = [];
        private Task<object?>? orchestratorTask;
        private bool suspended;
        private bool terminated;
        private string? terminationOutput;
        private TaskFailureDetails? startFailure;

        public ReplayOrchestrationContext Context { get; } =
            new(instance.Name, instance.InstanceId, executor.loggerFactory) { CustomStatus = instance.CustomStatus };

        public bool IsFinished => this.terminated || this.startFailure is not null || this.orchestratorTask?.IsCompleted == true;

        public void Append(HistoryEvent e)
        {
            this.newHistory.Add(e);
            this.Apply(e, fromHistory: false);
        }

        public void ArrivedAfterFinish(HistoryEvent e)
        {
            if (e.Type == EventType.EventRaised)
            {
                this.eventsAfterFinish.Add((e.Name ?? string.Empty, e.Payload));
            }
        }

        public void Apply(HistoryEvent e, bool fromHistory)
        {
            switch (e.Type)
            {
                case EventType.OrchestratorStarted:
                    if (fromHistory)
                    {
                        // A new episode begins: everything the code did in the previous one must be on record.
                        this.Context.EnsureAllActionsConfirmed();
                    }

                    this.Context.Now = e.Timestamp;
                    return;
                case EventType.ExecutionStarted:
                    this.Start(e);
                    break;
                case EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationCreated:
                    if (fromHistory)
                    {
                        this.Context.ConfirmAction(e);
                    }

                    return;
                case EventType.ExecutionSuspended:
                    this.suspended = true;
                    return;
                case EventType.ExecutionResumed:
                    this.suspended = false;
                    while (!this.suspended && this.heldWhileSuspended.TryDequeue(out var held))
                    {
                        this.Deliver(held);
                    }

                    break;
                case EventType.ExecutionTerminated:
                    this.terminated = true;
                    this.terminationOutput = e.Payload;
                    return;
                case EventType.ExecutionCompleted:
                    return;
                default:
                    if (this.suspended)
                    {
                        this.heldWhileSuspended.Enqueue(e);
                        return;
                    }

                    this.Deliver(e);
                    break;
            }

            this.scheduler.Drain();
        }

        public ExecutionResult Finish(DateTime now)
        {
            if (this.terminated)
            {
                return this.Completed(now, OrchestrationRuntimeStatus.Terminated, this.terminationOutput, null);
            }

            if (this.startFailure is not null)
            {
                return this.Completed(now, OrchestrationRuntimeStatus.Failed, null, this.startFailure);
            }

            var task = this.orchestratorTask;
            if (task is null || !task.IsCompleted)
            {
                var actions = this.Context.UnconfirmedActions.ToList();
                this.newHistory.AddRange(actions.Select(a => a.ToHistoryEvent(now)));
                return new ExecutionResult
                {
                    NewHistory = this.newHistory,
                    NewActions = actions,
                    Status = this.suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running,
                    CustomStatus = this.Context.CustomStatus,
                };
            }

            if (task.IsFaulted)
            {
                var error = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
                return this.Completed(now, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error), this.StartedNotAwaited());
            }

            if (task.IsCanceled)
            {
                return this.Completed(now, OrchestrationRuntimeStatus.Failed, null,
                    new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator's task was cancelled."));
            }

            if (this.Context.ContinueAsNewRequest is { } next)
            {
                List<(string, string?)> carried = next.PreserveEvents ? [.. this.Context.UnconsumedEvents(), .. this.eventsAfterFinish] : [];
                return new ExecutionResult
                {
                    NewHistory = this.newHistory,
                    NewActions = this.StartedNotAwaited().OfType<CreateSubOrchestrationAction>().ToList(), // As Durable Functions does.
                    Status = OrchestrationRuntimeStatus.Running,
                    CustomStatus = this.Context.CustomStatus,
                    ContinueAsNew = (next.Input, carried),
                };
            }

            var output = DurableJson.Serialize(task.Result);
            return this.Completed(now, OrchestrationRuntimeStatus.Completed, output, null, this.StartedNotAwaited());
        }

        // As in Durable Functions, what the code started in its last step without awaiting it (fire and forget) is still
        // sent when it returns or throws: activities and sub-orchestrations. Timers are not: nothing could wait for them.
        private List<OrchestratorAction> StartedNotAwaited() => this.Context.UnconfirmedActions.Where(a => a is not CreateTimerAction).ToList();

        private ExecutionResult Completed(
            DateTime now, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, List<OrchestratorAction>? lastActions = null)
        {
            var actions = lastActions ?? [];
            this.newHistory.AddRange(actions.Select(a => a.ToHistoryEvent(now)));
            this.newHistory.Add(new HistoryEvent(EventType.ExecutionCompleted, now) { Status = status, Payload = output, Failure = failure });
            return new ExecutionResult
            {
                NewHistory = this.newHistory,
                NewActions = actions,
                Status = status,
                Output = output,
                Failure = failure,
                CustomStatus = this.Context.CustomStatus,
            };
        }

        private void Start(HistoryEvent started)
        {
            if (this.orchestratorTask is not null || this.startFailure is not null)
            {
                return; // A duplicate start message changes nothing.
            }

            if (!executor.registry.TryCreateOrchestrator(instance.Name, executor.services, out var orchestrator))
            {
                this.startFailure = new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"No orchestrator named '{instance.Name}' is registered in this worker. Register it with AddOrchestrator.");
                return;
            }

            object? input;
            try
            {
                input = DurableJson.Deserialize(started.Payload, orchestrator!.InputType);
            }
            catch (Exception e)
            {
                this.startFailure = TaskFailureDetails.FromException(
                    new InvalidOperationException($"The input of '{instance.Name}' could not be read as {orchestrator!.InputType.Name}: {e.Message}", e));
                return;
            }

            this.orchestratorTask = this.scheduler.Start(() => orchestrator.RunAsync(this.Context, input));
        }

        private void Deliver(HistoryEvent e)
        {
            switch (e.Type)
            {
                case EventType.TaskCompleted or EventType.SubOrchestrationCompleted or EventType.TimerFired:
                    this.Context.Complete(e.TaskScheduledId, e.Payload);
                    break;
                case EventType.TaskFailed or EventType.SubOrchestrationFailed:
                    this.Context.Fail(e.TaskScheduledId, e.Failure ?? new TaskFailureDetails("Unknown", "The task failed."));
                    break;
                case EventType.EventRaised:
                    this.Context.DeliverEvent(e.Name ?? string.Empty, e.Payload);
                    break;
            }
        }
    }
}
