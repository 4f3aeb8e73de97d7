using System.Text.Json;

namespace Durable;

/// <summary>The lifecycle state of an orchestration instance.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled, not yet started.</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with an unhandled failure.</summary>
    Failed,

    /// <summary>Stopped by a client.</summary>
    Terminated,

    /// <summary>Paused by a client; events are kept until resumed.</summary>
    Suspended,
}

/// <summary>A snapshot of one orchestration instance.</summary>
public sealed record OrchestrationMetadata
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator's name.</summary>
    public required string Name { get; init; }

    /// <summary>The lifecycle state.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>When the instance last changed (UTC).</summary>
    public required DateTime LastUpdatedAt { get; init; }

    /// <summary>When the instance finished (UTC), if it has.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>The input as JSON (only when inputs and outputs were asked for).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON (only when inputs and outputs were asked for).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed, when <see cref="RuntimeStatus"/> is Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>True when the instance has finished (Completed, Failed or Terminated).</summary>
    public bool IsCompleted => this.RuntimeStatus is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => Read<T>(this.SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => Read<T>(this.SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => Read<T>(this.SerializedCustomStatus);

    private static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, DurableJson.Options);
}

/// <summary>A filter for listing instances. Null fields do not filter.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances with one of these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances of this orchestrator.</summary>
    public string? Name { get; init; }

    /// <summary>Only instances whose id starts with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only instances created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (UTC).</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Page size, 1 to 1000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page ended; null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include inputs and outputs in the results.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of a query.</summary>
/// <param name="Values">The instances on this page, newest first.</param>
/// <param name="ContinuationToken">Pass in the next query for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Values, string? ContinuationToken);

/// <summary>Which finished instances to purge. Only Completed, Failed and Terminated instances are ever purged.</summary>
public sealed record PurgeInstancesFilter
{
    /// <summary>Only instances created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (UTC).</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instances that finished before this time (UTC).</summary>
    public DateTime? CompletedBefore { get; init; }

    /// <summary>Only these (finished) statuses; all finished statuses when null.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }
}

/// <summary>How many instances a purge removed.</summary>
/// <param name="PurgedInstanceCount">The number removed.</param>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>Options for starting an orchestration.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="StartAt">Start no earlier than this time (UTC).</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTime? StartAt = null);
