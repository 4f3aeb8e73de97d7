namespace Durable.Runtime;

/// <summary>What kind of thing happened to an orchestration: the history's vocabulary, also used for messages.</summary>
internal enum EventType
{
    ExecutionStarted,
    ExecutionCompleted,
    ExecutionTerminated,
    ExecutionSuspended,
    ExecutionResumed,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    EventRaised,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
}

/// <summary>
/// One entry in an orchestration's history, or one message on its way to an orchestration.
/// A flat record: each event type uses the fields it needs.
/// </summary>
/// <remarks>IMPORTANT: stored as JSON; renaming a property breaks replay of stored histories.</remarks>
internal sealed record HistoryEvent(EventType Type, DateTime Timestamp)
{
    /// <summary>For scheduling events: the action's sequential id within the execution.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>For completion events: the id of the scheduling event it completes.</summary>
    public int TaskScheduledId { get; init; } = -1;

    /// <summary>Activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input, result or event payload as JSON.</summary>
    public string? Payload { get; init; }

    /// <summary>For timers: when it fires.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>For sub-orchestration creation and results: the child's id. For ExecutionStarted: the parent's id.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For ExecutionStarted of a child: the parent's task id to report completion to.</summary>
    public int? ParentTaskId { get; init; }

    /// <summary>For failures.</summary>
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>For ExecutionCompleted: the final status.</summary>
    public OrchestrationRuntimeStatus? Status { get; init; }
}

/// <summary>A message waiting for an orchestration, with its queue position.</summary>
internal sealed record QueuedMessage(long SequenceNumber, string? ExecutionId, HistoryEvent Event, int DequeueCount);

/// <summary>The stored row of one orchestration instance.</summary>
internal sealed record InstanceState
{
    public required string InstanceId { get; init; }
    public required string ExecutionId { get; init; }
    public required string Name { get; init; }
    public required OrchestrationRuntimeStatus Status { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public TaskFailureDetails? Failure { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime LastUpdatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public string? ParentInstanceId { get; init; }
    public int? ParentTaskId { get; init; }

    public bool IsTerminal => this.Status is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public OrchestrationMetadata ToMetadata(bool withInputsAndOutputs) => new()
    {
        InstanceId = this.InstanceId,
        Name = this.Name,
        RuntimeStatus = this.Status,
        CreatedAt = this.CreatedAt,
        LastUpdatedAt = this.LastUpdatedAt,
        CompletedAt = this.CompletedAt,
        SerializedInput = withInputsAndOutputs ? this.Input : null,
        SerializedOutput = withInputsAndOutputs ? this.Output : null,
        SerializedCustomStatus = this.CustomStatus,
        FailureDetails = this.Failure,
    };
}
