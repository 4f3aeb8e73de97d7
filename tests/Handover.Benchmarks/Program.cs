using System.Globalization;
using Handover.Benchmarks;

// Seeds 100 000 transitions (durable instances as the orchestrator leaves them, sealed handover versions, conversations
// and an access log of a million views) into SQLite files in a temp folder, serves them with the real service on
// loopback, and measures the handover page, posting to its conversation and the coordinators' access-log search, one
// request at a time. The last line is the result, in the format the issue asks for.
var transitions = Option(args, "--transitions", 100_000);
var viewsPerTransition = Option(args, "--views-per-transition", 10);
var samples = Option(args, "--samples", 300);
return await HandoverBenchmark.RunAsync(new BenchmarkSize(transitions, viewsPerTransition, samples));

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
