namespace Durable.Benchmarks.Workloads;

/// <summary>
/// One of the measured workloads, written once per programming model: Microsoft's Durable Task SDK
/// (<see cref="Sdk"/>, for ours and the test host) and DurableTask.Core (<see cref="Core"/>, for Azure Storage).
/// </summary>
internal sealed record Workload(string Label, Func<int, object> Input)
{
    /// <summary>"HelloSequence5", the Durable Functions benchmark: five activities one after the other.</summary>
    public static readonly Workload Sequence5 = new("sequence5", i => $"p{i}");

    /// <summary>Fan-out/fan-in over ten activities.</summary>
    public static readonly Workload FanOut10 = new("fanout10", i => i);

    /// <summary>Waits for one external event, then records its arrival in an activity (see <see cref="WakeTimes"/>).</summary>
    public static readonly Workload Wake = new("wake", _ => "waiting");

    /// <summary>The cities <see cref="Sequence5"/> greets, one activity each.</summary>
    public static readonly string[] Cities = ["Visby", "Göteborg", "Södertälje", "Ystad", "Kristianstad"];

    /// <summary>The external event <see cref="Wake"/> waits for.</summary>
    public const string WakeEvent = "wake";
}
