using System.Diagnostics;

namespace Durable.Benchmarks.Measurement;

/// <summary>
/// Time since a run began: by this process's stopwatch for what the benchmark observes itself, and by the
/// wall clock read at the same moment for timestamps an engine writes (same machine, same clock).
/// </summary>
internal sealed class RunClock
{
    private readonly long startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTime startUtc = DateTime.UtcNow;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(this.startTimestamp);

    public TimeSpan At(DateTime utc) => utc - this.startUtc;
}
