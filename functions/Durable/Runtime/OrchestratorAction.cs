namespace Durable.Runtime;

/// <summary>Something the orchestrator asked for in a step; becomes a history event and a message or task.</summary>
internal abstract record OrchestratorAction(int Id)
{
    public abstract HistoryEvent ToHistoryEvent(DateTime now);

    /// <summary>True when a recorded scheduling event is the same action (same kind, same name).</summary>
    public abstract bool Matches(HistoryEvent recorded);

    public abstract string Describe();
}

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) =>
        new(EventType.TaskScheduled, now) { EventId = this.Id, Name = this.Name, Payload = this.Input };

    public override bool Matches(HistoryEvent recorded) =>
        recorded.Type == EventType.TaskScheduled && string.Equals(recorded.Name, this.Name, StringComparison.OrdinalIgnoreCase);

    public override string Describe() => $"call activity '{this.Name}'";
}

internal sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) =>
        new(EventType.TimerCreated, now) { EventId = this.Id, FireAt = this.FireAt };

    public override bool Matches(HistoryEvent recorded) => recorded.Type == EventType.TimerCreated;

    public override string Describe() => "create a timer";
}

internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string? Input) : OrchestratorAction(Id)
{
    public override HistoryEvent ToHistoryEvent(DateTime now) =>
        new(EventType.SubOrchestrationCreated, now) { EventId = this.Id, Name = this.Name, InstanceId = this.InstanceId, Payload = this.Input };

    public override bool Matches(HistoryEvent recorded) =>
        recorded.Type == EventType.SubOrchestrationCreated && string.Equals(recorded.Name, this.Name, StringComparison.OrdinalIgnoreCase);

    public override string Describe() => $"start sub-orchestration '{this.Name}'";
}

internal static class HistoryEventDescriptions
{
    public static string Describe(this HistoryEvent e) => e.Type switch
    {
        EventType.TaskScheduled => $"call activity '{e.Name}'",
        EventType.TimerCreated => "create a timer",
        EventType.SubOrchestrationCreated => $"start sub-orchestration '{e.Name}'",
        _ => e.Type.ToString(),
    };
}
