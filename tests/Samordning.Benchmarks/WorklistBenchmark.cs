using System.Diagnostics;
using System.Net;
using CareTransitions.Directory;
using CareTransitions.Tests.Infrastructure;
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
            var (units, settings, _) = await BenchmarkService.MigrateAsync(directory);
            var clock = Stopwatch.StartNew();
            var transitions = SeededTransitions.Generate(count, units, now, open, byPopulation: true);
            DurableSeed.Write(Path.Combine(directory, "durable.db"), transitions, settings);
            AppSeed.Write(Path.Combine(directory, "app.db"), transitions);
            var opened = transitions.Count(t => t.Open);
            Console.WriteLine($"durable store: {transitions.Count:N0} instances of {nameof(CareTransitionOrchestrator)}, {opened:N0} Running, seeded in {clock.Elapsed.TotalSeconds:0.0} s");

            // For honesty, first the developer of Open mode, who works for every unit and so sees every open transition.
            double openModeP95;
            await using (var developerService = await BenchmarkService.StartAsync(directory))
            {
                using var developer = developerService.Browser();
                Console.WriteLine("identity: Authentication:Mode=Open (Development): the developer SE0000000000-utvecklare, all units, so every open transition is in scope");
                var all = await MeasureAsync(developer, opened, samples, "open mode");
                openModeP95 = all;
            }
            SqliteConnection.ClearAllPools();

            // Then what a coordinator sees: signed in at the OpenID provider as the coordination unit of the municipality with the most open transitions.
            var busiest = transitions.Where(t => t.Open).GroupBy(t => t.Municipality).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Code, StringComparer.Ordinal).First();
            await using var provider = await OidcProvider.StartAsync();
            await using var service = await BenchmarkService.StartAsync(directory, provider.ServiceSettings);
            using var coordinator = await OidcProvider.SignedInClientAsync(service.BaseUrl, $"samordnare-{busiest.Key.Code}");
            Console.WriteLine($"identity: signed in at oidc-provider as samordnare-{busiest.Key.Code}, coordination of {busiest.Key.Name} ({busiest.Key.Code}), the municipality with the most open transitions: the list shows {busiest.Count()} rows");
            var p95 = await MeasureAsync(coordinator, busiest.Count(), samples, "coordinator");
            Console.WriteLine($"samordning (open mode, all units): worklist_p95_ms={openModeP95:0} rows={opened}");
            Console.WriteLine($"samordning: worklist_p95_ms={p95:0} open={opened} transitions={transitions.Count}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Checks the list counts <paramref name="rows"/>, warms up, then times <paramref name="samples"/> requests; the p95.</summary>
    private static async Task<double> MeasureAsync(HttpClient browser, int rows, int samples, string who)
    {
        // The first request after a start reads every status in scope in full; the warm-up below hides it, so it is printed apart.
        var first = Stopwatch.StartNew();
        var check = await browser.GetStringAsync("/samordning");
        Console.WriteLine($"worklist ({who}, {rows} rows): first request after start {first.Elapsed.TotalMilliseconds:0} ms");
        if (!check.Contains($"{rows} vårdövergångar", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The {who}'s work list does not count the {rows} open transitions in scope.");
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
        Console.WriteLine($"worklist ({who}, {rows} rows): n={samples} p50_ms={At(0.5):0.0} p95_ms={At(0.95):0.0} p99_ms={At(0.99):0.0} max_ms={sorted[^1]:0.0}");
        return At(0.95);
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
