namespace Durable.Backend.CrashWorker;

/// <summary>
/// Appends one line per activity execution — instance, step, activity and the process that ran it (the attempt
/// marker: a re-run after a crash comes from another process) — so the test can count re-executions.
/// </summary>
public sealed class ExecutionLog(string path)
{
    private readonly Lock gate = new();

    /// <summary>Writes and flushes the line before the activity does its work, so a kill right after still leaves it.</summary>
    public void Record(Microsoft.DurableTask.TaskActivityContext context, int step)
    {
        lock (this.gate)
        {
            // File.AppendAllText opens, writes and closes: the line is in the file, not in a buffer, when it returns.
            File.AppendAllText(path, $"{context.InstanceId} {step} {context.Name} pid={Environment.ProcessId}\n");
        }
    }

    /// <summary>Reads a log the worker wrote: one entry per activity execution.</summary>
    /// <remarks>Read while a worker appends, the last line may be only half there: lines without their four parts are left out.</remarks>
    public static IReadOnlyList<(string InstanceId, int Step, string Activity, string Marker)> Read(string path) =>
        !File.Exists(path) ? [] : File.ReadAllLines(path)
            .Select(line => line.Split(' '))
            .Where(p => p.Length == 4 && p[3].StartsWith("pid=", StringComparison.Ordinal))
            .Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2], p[3]))
            .ToList();
}
