using Dashboard.Benchmarks;

// Generates 1 000 000 finished outcomes into a temp SQLite file, serves the dashboard from it on Kestrel, and
// measures the full page and filter changes over HTTP, against the same page computed by the naive GROUP BY query.
// The last line is the result, in the format the issue asks for.
var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1_000_000;
return await DashboardBenchmark.RunAsync(count);
