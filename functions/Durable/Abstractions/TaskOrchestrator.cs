namespace Durable;

/// <summary>
/// An orchestrator: a function whose progress is rebuilt by replaying its history.
/// </summary>
/// <remarks>
/// IMPORTANT: orchestrator code must be deterministic. It is run again from the start every time the
/// orchestration makes progress, and must take the same decisions each time. Inside an orchestrator:
/// use <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, never <c>DateTime.Now</c>;
/// <see cref="TaskOrchestrationContext.NewGuid"/>, never <c>Guid.NewGuid</c>;
/// <see cref="TaskOrchestrationContext.CreateTimer(DateTime, CancellationToken)"/>, never <c>Task.Delay</c>;
/// activities for all I/O and randomness; no <c>Task.Run</c>, <c>ConfigureAwait(false)</c> or blocking waits.
/// </remarks>
public interface ITaskOrchestrator
{
    /// <summary>The input type.</summary>
    Type InputType { get; }

    /// <summary>The output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator with an already-deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>Base class for class-based orchestrators with typed input and output.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The orchestration logic. See <see cref="ITaskOrchestrator"/> for the determinism rules.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
        => await this.RunAsync(context, (TInput)input!);
}
