using System.Globalization;
using Samordning.Benchmarks;

// Seeds 100 000 transitions into the durable store of a temp folder (5 000 Running as the orchestrator leaves them between
// messages, the rest Completed), serves them with the real service on loopback, and measures the coordinators' work list
// (/samordning, overdue first) one request at a time. The last line is the result, in the format the issue asks for.
var transitions = Option(args, "--transitions", 100_000);
var open = Option(args, "--open", 5_000);
var samples = Option(args, "--samples", 200);
return await WorklistBenchmark.RunAsync(transitions, open, samples);

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
