using System.Diagnostics;
using System.Net;
using CareTransitions.Directory;
using CareTransitions.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Samordning.Benchmarks;

internal static class WorklistBenchmark
{
    private const int WarmUp = 20;

    public static async Task<int> RunAsync(int count, int open, int samples)
    {
        var directory = Directory.CreateTempSubdirectory("samordning-bench-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            // The first start migrates every store; its directory and workflow settings are the seeding's.
            var clock = Stopwatch.StartNew();
            var first = await BenchmarkService.StartAsync(directory);
            var units = first.Services.GetRequiredService<UnitsDirectory>();
            var settings = first.Services.GetRequiredService<WorkflowSettings>();
            await first.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Console.WriteLine($"service started once to migrate the stores: {clock.Elapsed.TotalSeconds:0.0} s");

            clock.Restart();
            var transitions = SeededTransitions.Generate(count, open, units, now);
            DurableSeed.Write(Path.Combine(directory, "durable.db"), transitions, settings);
            var opened = transitions.Count(t => t.Open);
            Console.WriteLine($"durable store: {transitions.Count:N0} instances of {nameof(CareTransitionOrchestrator)}, {opened:N0} Running, seeded in {clock.Elapsed.TotalSeconds:0.0} s");

            await using var service = await BenchmarkService.StartAsync(directory);
            using var browser = service.Browser();
            Console.WriteLine("identity: Authentication:Mode=Open (Development): the developer SE0000000000-utvecklare, all units, so every open transition is in scope");

            var check = await browser.GetStringAsync("/samordning");
            if (!check.Contains($"{opened} vårdövergångar", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The work list does not count the {opened} open transitions seeded.");
            }

            var filters = new[] { "", "?lage=forsenat", "?sortera=nyast", "?fas=utskrivningsklar", "?lage=okvitterat&sortera=referens" };
            var random = new Random(3);
            for (var i = 0; i < WarmUp; i++)
            {
                await TimeAsync(browser, filters[random.Next(filters.Length)]);
            }
            var times = new List<double>(samples);
            for (var i = 0; i < samples; i++)
            {
                times.Add(await TimeAsync(browser, filters[random.Next(filters.Length)]));
            }
            var sorted = times.Order().ToArray();
            double At(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
            Console.WriteLine($"worklist: n={samples} p50_ms={At(0.5):0.0} p95_ms={At(0.95):0.0} p99_ms={At(0.99):0.0} max_ms={sorted[^1]:0.0}");
            Console.WriteLine($"samordning: worklist_p95_ms={At(0.95):0} open={opened} transitions={transitions.Count}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<double> TimeAsync(HttpClient browser, string query)
    {
        var clock = Stopwatch.StartNew();
        using var response = await browser.GetAsync($"/samordning{query}");
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /samordning{query} answered {(int)response.StatusCode}.");
        }
        return elapsed;
    }
}
