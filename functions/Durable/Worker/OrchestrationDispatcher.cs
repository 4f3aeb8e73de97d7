using Durable.Runtime;
using Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Durable.Worker;

/// <summary>Leases orchestrations that have new messages, replays them and commits each step.</summary>
internal sealed class OrchestrationDispatcher(
    IOrchestrationStore store, OrchestrationExecutor executor, DurableTaskOptions options, TimeProvider clock, ILogger logger)
    : WorkLoop<OrchestrationWorkItem>(store, options, clock, logger)
{
    protected override string Kind => "orchestration";

    protected override int MaxConcurrency => this.Options.MaxConcurrentOrchestrations;

    protected override AsyncSignal Signal => this.Store.Signals.Orchestrations;

    protected override Task<IReadOnlyList<OrchestrationWorkItem>> FetchAsync(int max, CancellationToken cancellationToken) =>
        this.Store.LockOrchestrationsAsync(this.Options.WorkerId, max, this.Options.LeaseDuration, cancellationToken);

    protected override async Task ProcessAsync(OrchestrationWorkItem item, CancellationToken stopping)
    {
        var instanceId = item.Instance.InstanceId;
        using var scope = this.Logger.BeginScope(new Dictionary<string, object> { ["InstanceId"] = instanceId });
        try
        {
            var checkpoint = this.Step(item);
            if (!await this.Store.CommitOrchestrationAsync(item, checkpoint, CancellationToken.None))
            {
                Log.OrchestrationLeaseLost(this.Logger, instanceId);
                return;
            }

            this.LogOutcome(item, checkpoint);
        }
        catch (Exception e)
        {
            Log.OrchestrationStepError(this.Logger, instanceId, e);
            try
            {
                await this.Store.AbandonOrchestrationAsync(item, e.Message, RetryDelay(item), CancellationToken.None);
            }
            catch (Exception abandonError)
            {
                // The lease expires by itself; another attempt follows then.
                Log.OrchestrationStepError(this.Logger, instanceId, abandonError);
            }
        }
    }

    /// <summary>Exponential backoff by attempt (0.1 s, 0.2 s, … at most a minute), so a passing fault
    /// (a full disk, a locked file) does not use up the attempts before a message is set aside.</summary>
    internal static TimeSpan RetryDelay(OrchestrationWorkItem item)
    {
        var attempt = item.Messages.Count == 0 ? 1 : item.Messages.Max(m => m.DequeueCount);
        return TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 20)), 60_000));
    }

    private OrchestrationCheckpoint Step(OrchestrationWorkItem item)
    {
        var now = this.Clock.GetUtcNow().UtcDateTime;
        var instance = item.Instance;

        var poison = item.Messages.Where(m => m.DequeueCount > this.Options.MaxDequeueCount).ToList();
        if (poison.Count > 0 && !instance.IsTerminal)
        {
            return SetAside(item, poison, now);
        }

        if (instance.IsTerminal)
        {
            // Late messages to a finished instance are consumed and dropped.
            return new OrchestrationCheckpoint
            {
                NewHistory = [],
                ConsumedMessages = item.Messages.Select(m => m.SequenceNumber).ToList(),
                State = instance,
            };
        }

        // Results addressed to an earlier execution (before ContinueAsNew) are dropped; the start comes first.
        // A child's result names no execution, so it must match a child this execution started at that task id.
        var children = item.History.Where(e => e.Type == EventType.SubOrchestrationCreated).Select(e => (e.EventId, e.InstanceId)).ToHashSet();
        var events = item.Messages
            .Where(m => m.ExecutionId is null || m.ExecutionId == instance.ExecutionId)
            .Select(m => m.Event)
            .Where(e => e.Type is not (EventType.SubOrchestrationCompleted or EventType.SubOrchestrationFailed)
                || e.InstanceId is null || children.Contains((e.TaskScheduledId, e.InstanceId)))
            .OrderBy(e => e.Type == EventType.ExecutionStarted ? 0 : 1)
            .ToList();
        var result = executor.Execute(instance, item.History, events, now);
        return CheckpointBuilder.Build(item, result, now);
    }

    private OrchestrationCheckpoint SetAside(OrchestrationWorkItem item, List<QueuedMessage> poison, DateTime now)
    {
        var attempts = poison.Max(m => m.DequeueCount) - 1;
        var reason = $"Set aside after {attempts} failed attempts to process: {item.LastError ?? "the worker stopped while processing it"}";
        Log.OrchestrationMessagesSetAside(this.Logger, item.Instance.InstanceId, item.Messages.Count, attempts, reason);
        var result = ExecutionResult.FailedWithoutRunning(
            new TaskFailureDetails("Durable.PoisonMessage", reason), item.Instance.CustomStatus, now);
        return CheckpointBuilder.Build(item, result, now) with
        {
            SetAside = item.Messages
                .Select(m => new PoisonMessage(item.Instance.InstanceId, "orchestration", m.Event.Type.ToString(), m.DequeueCount - 1, reason, now))
                .ToList(),
        };
    }

    private void LogOutcome(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint)
    {
        var state = checkpoint.State;
        if (item.Instance.IsTerminal || !state.IsTerminal)
        {
            return;
        }

        if (state.Status == OrchestrationRuntimeStatus.Failed)
        {
            Log.OrchestrationFailed(this.Logger, state.InstanceId, state.Name, state.Failure?.ToString() ?? "unknown");
        }
        else
        {
            Log.OrchestrationFinished(this.Logger, state.InstanceId, state.Name, state.Status);
        }
    }
}
