using System.Globalization;
using Samordning.Benchmarks;

// Seeds 100 000 transitions into the durable and app stores of a temp folder (5 000 Running as the orchestrator leaves them
// between messages, the rest Completed; municipalities drawn uniformly from the units directory), serves them with the
// real service on loopback, and measures the coordinators' work list (/samordning) one request at a time: in Open mode
// (all units) for honesty, then signed in as the coordinator of the municipality with the most open transitions. The last
// line is the coordinator's, in the format the issue asks for.
var transitions = Option(args, "--transitions", 100_000);
var open = Option(args, "--open", 5_000);
var samples = Option(args, "--samples", 200);
return await WorklistBenchmark.RunAsync(transitions, open, samples);

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
