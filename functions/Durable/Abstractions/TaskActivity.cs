namespace Durable;

/// <summary>An activity: the unit of real work (I/O, email, database) an orchestrator schedules.</summary>
/// <remarks>
/// Activities run at least once: after a crash an activity may run again, so make its effect
/// idempotent (an email with a stable Message-ID, an upsert keyed by the orchestration's ids).
/// </remarks>
public interface ITaskActivity
{
    /// <summary>The input type.</summary>
    Type InputType { get; }

    /// <summary>The output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity with an already-deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>Base class for class-based activities with typed input and output. Resolved from DI per call.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The activity's work.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input)
        => await this.RunAsync(context, (TInput)input!);
}

/// <summary>What an activity knows about the call that scheduled it.</summary>
/// <param name="Name">The activity's registered name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The task's id within that orchestration; with <paramref name="InstanceId"/> a stable idempotency key.</param>
/// <param name="Attempt">How many times this task has been handed to a worker (1 on the first run, higher after a crash).</param>
/// <param name="CancellationToken">Signalled when the worker shuts down.</param>
public sealed record TaskActivityContext(
    string Name, string InstanceId, int TaskId, int Attempt, CancellationToken CancellationToken);

/// <summary>Gives an orchestrator or activity a name other than its class name.</summary>
/// <param name="name">The registered name.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DurableTaskAttribute(string name) : Attribute
{
    /// <summary>The registered name.</summary>
    public string Name { get; } = name;
}
