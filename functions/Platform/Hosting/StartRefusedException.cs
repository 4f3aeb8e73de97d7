namespace Platform.Hosting;

/// <summary>
/// A start the operator must fix before the program can run: it exits with <see cref="ExitCode"/> and writes
/// <see cref="Lines"/> on stderr, each saying in one line what is wrong and what to do (see <see cref="ProgramRun"/>).
/// </summary>
public abstract class StartRefusedException(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The process exit code README.md documents for this kind of refusal (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>What the operator reads, one line each.</summary>
    public virtual IReadOnlyList<string> Lines => [this.Message];
}

/// <summary>The exit codes README.md documents, the same in every program.</summary>
public static class ExitCodes
{
    /// <summary>The durable store holds data this release cannot use (an old engine's file, one in use).</summary>
    public const int IncompatibleStore = 2;

    /// <summary>A store cannot be reached or used as configured, or its schema is newer than this release (any store).</summary>
    public const int StoreUnavailable = 3;

    /// <summary>A setting is missing, unreadable or wrong.</summary>
    public const int Settings = 4;
}
