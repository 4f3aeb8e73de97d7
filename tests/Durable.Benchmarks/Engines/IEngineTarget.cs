using Durable.Benchmarks.Measurement;
using Durable.Benchmarks.Workloads;

namespace Durable.Benchmarks.Engines;

/// <summary>An engine under test, started and ready: it starts the workloads' instances, raises their events and sees them end.</summary>
internal interface IEngineTarget : IAsyncDisposable
{
    /// <summary>The engine's name in the output: <c>ours</c>, <c>azurestorage</c> or <c>testhost</c>.</summary>
    string Name { get; }

    /// <summary>How the engine is set up, printed once before it is measured.</summary>
    string Description { get; }

    /// <summary>Starts one instance of <paramref name="workload"/> with the input for <paramref name="index"/>.</summary>
    Task StartAsync(Workload workload, string instanceId, int index);

    /// <summary>
    /// Waits until every instance has completed (throws if one failed) and returns the moment, on
    /// <paramref name="clock"/>, that the last one completed; reports each newly completed count to <paramref name="completed"/>.
    /// </summary>
    Task<TimeSpan> WaitForCompletionAsync(IReadOnlyList<string> instanceIds, RunClock clock, Action<int> completed);

    /// <summary>Waits until the instance is running, that is, waiting for its event.</summary>
    Task WaitUntilRunningAsync(string instanceId);

    /// <summary>Raises the <see cref="Workload.WakeEvent"/> event to the instance.</summary>
    Task RaiseWakeAsync(string instanceId);

    /// <summary>Logical transactions and physical commits of the engine's store so far, where it counts them (ours does).</summary>
    (long Logical, long Physical)? CommitCounts => null;

    /// <summary>Processor time used so far by a separate process the engine runs on (Azurite), if any.</summary>
    TimeSpan? HelperProcessorTime => null;

    /// <summary>What that process is, in the output.</summary>
    string HelperName => "Azurite";
}
