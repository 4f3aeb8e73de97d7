using System.Diagnostics;
using Durable.Benchmarks.Engines;

namespace Durable.Benchmarks.Measurement;

/// <summary>
/// Processor time used by this process (client, worker and in-process engine) and by a helper process the engine
/// needs (Azurite; worker processes on PostgreSQL), so a reader sees which side was busy: a figure near 100 % of a core
/// for Azurite, whose requests run on one Node.js thread, means the emulator was the bottleneck.
/// </summary>
internal readonly record struct ProcessorTime(TimeSpan Own, TimeSpan? Helper, string HelperName)
{
    public static ProcessorTime Now(IEngineTarget engine)
    {
        using var self = Process.GetCurrentProcess();
        return new(self.TotalProcessorTime, engine.HelperProcessorTime, engine.HelperName);
    }

    public static ProcessorTime operator -(ProcessorTime after, ProcessorTime before) =>
        new(after.Own - before.Own, after.Helper - before.Helper, after.HelperName);

    public string Describe(TimeSpan wall) =>
        $"processor: this process {Share(this.Own, wall)}" + (this.Helper is { } helper ? $", {this.HelperName} {Share(helper, wall)}" : "");

    private static string Share(TimeSpan used, TimeSpan wall) => $"{100 * used / wall:F0} % of a core";
}
