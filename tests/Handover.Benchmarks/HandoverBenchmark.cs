using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CareTransitions.Directory;
using CareTransitions.Handover;
using CareTransitions.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Handover.Benchmarks;

/// <param name="Transitions">Transitions in the store.</param>
/// <param name="ViewsPerTransition">Access-log rows seeded per transition (the views of it over time).</param>
/// <param name="Samples">Measured requests per figure, after the warm-up.</param>
internal sealed record BenchmarkSize(int Transitions, int ViewsPerTransition, int Samples);

internal static partial class HandoverBenchmark
{
    private const int WarmUp = 30;

    public static async Task<int> RunAsync(BenchmarkSize size)
    {
        var directory = Directory.CreateTempSubdirectory("handover-bench-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            var (units, settings, cipher) = await BenchmarkService.MigrateAsync(directory);
            var clock = Stopwatch.StartNew();
            var transitions = SeededTransitions.Generate(size.Transitions, units, now);
            DurableSeed.Write(Path.Combine(directory, "durable.db"), transitions, settings);
            Console.WriteLine($"durable store: {transitions.Count:N0} Running instances of {nameof(CareTransitionOrchestrator)} in {clock.Elapsed.TotalSeconds:0.0} s");
            var seeded = AppStoreSeed.Write(Path.Combine(directory, "app.db"), transitions, cipher, size.ViewsPerTransition, now);
            Console.WriteLine($"app store: {seeded.Versions:N0} sealed handover versions, {seeded.Messages:N0} sealed messages, {seeded.AccessLogRows:N0} access-log rows");
            Console.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:0.0} s");

            await using var service = await BenchmarkService.StartAsync(directory);
            using var browser = service.Browser();
            Console.WriteLine("identity: Authentication:Mode=Open (Development): the developer SE0000000000-utvecklare, all units, both roles");

            await CheckSeedAsync(browser, transitions[0]);
            var random = new Random(3);
            SeededTransition Any() => transitions[random.Next(transitions.Count)];

            var page = await MeasureAsync("page", size.Samples, async () =>
            {
                var t = Any();
                return await TimeAsync(() => browser.GetAsync($"/overlamning/{t.Id}"), HttpStatusCode.OK);
            });

            var post = await MeasureAsync("post", size.Samples, async () =>
            {
                var t = Any();
                var html = await (await browser.GetAsync($"/overlamning/{t.Id}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
                var token = AntiforgeryField().Match(html);
                using var form = new FormUrlEncodedContent(
                [
                    new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)),
                    new("text", "Hemtjänsten är bokad från utskrivningsdagen. Ring oss om tiden ändras."),
                ]);
                return await TimeAsync(() => browser.PostAsync($"/overlamning/{t.Id}/meddelanden", form), HttpStatusCode.Redirect);
            });

            var accessLog = await MeasureAsync("accesslog_query", size.Samples, async () =>
            {
                var t = Any();
                var filter = random.Next(2) == 0 ? Uri.EscapeDataString(t.Reference) : t.Id;
                return await TimeAsync(() => browser.GetAsync($"/samordning/atkomstlogg?overgang={filter}"), HttpStatusCode.OK);
            });

            var emails = Directory.EnumerateFiles(directory, "*.eml", SearchOption.AllDirectories).Count();
            Console.WriteLine($"emails written to the pickup folder: {emails:N0}");
            Console.WriteLine($"access log: {seeded.AccessLogRows:N0} seeded rows ({size.ViewsPerTransition} views per transition), plus the benchmark's own");
            Console.WriteLine(
                $"handover: page_p95_ms={page.P95:0} post_p95_ms={post.P95:0} accesslog_query_p95_ms={accessLog.P95:0} transitions={transitions.Count}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    // The page must show what was seeded (sealed data opened under the service's key), the search the seeded views.
    private static async Task CheckSeedAsync(HttpClient browser, SeededTransition t)
    {
        var page = await browser.GetStringAsync($"/overlamning/{t.Id}");
        var log = await browser.GetStringAsync($"/samordning/atkomstlogg?overgang={Uri.EscapeDataString(t.Reference)}");
        if (!page.Contains($"Testperson {t.EpisodeId}", StringComparison.Ordinal) || !page.Contains(t.Reference, StringComparison.Ordinal)
            || !log.Contains(t.Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The seeded transition {t.Id} ({t.Reference}) does not show on its page or in the access log.");
        }
    }

    private static async Task<Percentiles> MeasureAsync(string name, int samples, Func<Task<double>> once)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await once();
        }
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            times.Add(await once());
        }
        var result = Percentiles.Of(times);
        Console.WriteLine($"{name}: n={samples} p50_ms={result.P50:0.0} p95_ms={result.P95:0.0} p99_ms={result.P99:0.0} max_ms={result.Max:0.0}");
        return result;
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}.");
        }
        return elapsed;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex AntiforgeryField();
}

/// <summary>Nearest-rank percentiles of one figure's samples.</summary>
internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
