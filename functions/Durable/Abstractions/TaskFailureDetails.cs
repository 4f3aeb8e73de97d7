namespace Durable;

/// <summary>Why an activity, sub-orchestration or orchestration failed.</summary>
/// <param name="ErrorType">The exception's full type name.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">The stack trace, if known.</param>
/// <param name="InnerFailure">The inner failure, if any.</param>
public sealed record TaskFailureDetails(
    string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> (or a subclass, when loadable).</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        if (this.ErrorType == typeof(T).FullName)
        {
            return true;
        }

        var type = Type.GetType(this.ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(this.ErrorType)).FirstOrDefault(t => t is not null);
        return type is not null && typeof(T).IsAssignableFrom(type);
    }

    /// <summary>Builds failure details from an exception, including its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception) => exception switch
    {
        TaskFailedException failed => new(
            typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails),
        _ => new(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException)),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{this.ErrorType}: {this.ErrorMessage}";
}

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        this.TaskName = taskName;
        this.TaskId = taskId;
        this.FailureDetails = failureDetails;
    }

    /// <summary>The activity or sub-orchestration name.</summary>
    public string TaskName { get; }

    /// <summary>The task's id within the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>Why it failed.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>
/// The orchestrator did something different from what its history recorded at the same position
/// (usually: its code changed while instances were in flight). The instance fails with this reason.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
