using System.Globalization;

namespace Durable.Benchmarks;

/// <summary>
/// Command line: <c>--count N</c> (every engine runs N orchestrations per workload instead of its default),
/// <c>--only ours|azurestorage|testhost</c> (one engine, for development), <c>--idle N</c> (idle cost on ours).
/// </summary>
internal sealed record BenchmarkOptions(int? Count, string? Only, int? Idle)
{
    public const string Ours = "ours", AzureStorage = "azurestorage", TestHost = "testhost";

    /// <summary>
    /// Orchestrations per workload when <c>--count</c> is not given. The peers are far slower, so they run fewer (their
    /// rates are computed from what ran, and every engine's line says how many that was). The test host dispatches at
    /// most 2 × processors work items a second (see TestHostEngine), so its count scales with the processors to take
    /// about half a minute per workload.
    /// </summary>
    private static readonly Dictionary<string, int> DefaultCounts = new()
    {
        [Ours] = 2000,
        [AzureStorage] = 500,
        [TestHost] = 10 * Environment.ProcessorCount,
    };

    /// <summary>Instances woken by one event each, for the event latency (at most the engine's count).</summary>
    public const int Events = 200;

    public bool Runs(string engine) => this.Only is null || this.Only == engine;

    public int CountFor(string engine) => this.Count ?? DefaultCounts[engine];

    public int EventsFor(string engine) => Math.Min(Events, this.CountFor(engine));

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(null, null, null);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--count" => options with { Count = Positive(args, ++i) },
                "--idle" => options with { Idle = Positive(args, ++i) },
                "--only" when i + 1 < args.Length && DefaultCounts.ContainsKey(args[i + 1]) => options with { Only = args[++i] },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; usage: [--count N] [--only {Ours}|{AzureStorage}|{TestHost}] | --idle N"),
            };
        }

        return options;
    }

    private static int Positive(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
}
