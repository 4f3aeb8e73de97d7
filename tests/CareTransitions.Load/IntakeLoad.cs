using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CareTransitions.Load;

/// <summary>What the load measured and found; the figures are of the measured messages, not the warm-up.</summary>
internal sealed record IntakeFigures(
    int Instances, int Sent, int Accepted, double AcceptedPerSecond, double P50Ms, double P99Ms, int Malformed, int MalformedRefused, int Errors, bool Verified)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"intake: instances={this.Instances} sent={this.Sent} accepted={this.Accepted} accepted_per_s={this.AcceptedPerSecond:F1} p50_ms={this.P50Ms:F1} p99_ms={this.P99Ms:F1} malformed={this.Malformed} malformed_400={this.MalformedRefused} errors={this.Errors} verified={(this.Verified ? "yes" : "NO")}");
}

/// <summary>How intake answered one message.</summary>
internal sealed record IntakeAnswer(LoadMessage Message, int Status, double Milliseconds, string? TransitionId, string? Detail)
{
    /// <summary>What intake had to answer: 202 for a valid message, 400 for a malformed one.</summary>
    public bool AsExpected => this.Message.Malformed ? this.Status == 400 : this.Status == 202 && this.TransitionId is not null;
}

/// <summary>
/// The load: two service instances on one PostgreSQL database, discharge messages posted to them in turn over HTTP on
/// loopback by <see cref="LoadOptions.Concurrency"/> senders, bounded in count and time, a share of them malformed; then
/// every accepted message must have made exactly one transition, and no malformed one any (<see cref="TransitionCheck"/>).
/// </summary>
internal static class IntakeLoad
{
    public const int Instances = 2;

    public static async Task<IntakeFigures> RunAsync(string connectionString, LoadOptions options)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var messages = new DischargeMessages(runId, options.MalformedPercent);
        var runStart = DateTimeOffset.UtcNow;
        Console.WriteLine($"load: starting {Instances} service instances on one database");
        var instances = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => ServiceInstance.StartAsync(connectionString)));
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("x-functions-key", ServiceInstance.ApiKey);
            var urls = instances.Select(i => new Uri(i.BaseUrl + "/api/transitions")).ToArray();
            Console.WriteLine($"load: {string.Join(", ", instances.Select(i => i.BaseUrl))}; {options.Concurrency} requests in flight, "
                + $"{options.MalformedPercent} % malformed, at most {options.Count} messages within {options.Seconds} s");

            var warmUp = await SendAsync(http, urls, messages.CreateWarmUp, options.WarmUp, TimeSpan.FromSeconds(60), options.Concurrency, "warm-up");
            var clock = Stopwatch.StartNew();
            var measured = await SendAsync(http, urls, messages.Create, options.Count, TimeSpan.FromSeconds(options.Seconds), options.Concurrency, "load");
            var elapsed = clock.Elapsed;

            var all = warmUp.Concat(measured).ToList();
            var accepted = measured.Where(a => a.AsExpected && !a.Message.Malformed).ToList();
            var errors = measured.Where(a => !a.AsExpected).ToList();
            foreach (var error in errors.Concat(warmUp.Where(a => !a.AsExpected)).Take(10))
            {
                Console.WriteLine($"load: error: message {error.Message.Index} ({(error.Message.Malformed ? "malformed" : "valid")}) answered {error.Status}: {error.Detail}");
            }

            var latencies = accepted.Select(a => a.Milliseconds).Order().ToList();
            var malformed = measured.Count(a => a.Message.Malformed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load: {measured.Count} sent in {elapsed.TotalSeconds:F1} s; {accepted.Count} accepted ({accepted.Count / elapsed.TotalSeconds:F1}/s), "
                + $"{measured.Count(a => a.AsExpected && a.Message.Malformed)}/{malformed} malformed refused with 400, {errors.Count} errors"));

            var verified = await TransitionCheck.VerifyAsync(connectionString, all, messages.MessageIdPrefix, runStart);
            return new IntakeFigures(
                Instances, measured.Count, accepted.Count, accepted.Count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
                malformed, measured.Count(a => a.AsExpected && a.Message.Malformed), errors.Count, verified && errors.Count == 0 && warmUp.All(a => a.AsExpected));
        }
        catch
        {
            foreach (var instance in instances)
            {
                Console.WriteLine($"load: last lines of {instance.BaseUrl}:\n{instance.OutputTail}");
            }

            throw;
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>Sends up to <paramref name="count"/> messages, message i to instance i mod 2, until <paramref name="within"/> has passed; prints progress every 2 s.</summary>
    private static async Task<List<IntakeAnswer>> SendAsync(
        HttpClient http, Uri[] urls, Func<int, LoadMessage> create, int count, TimeSpan within, int concurrency, string label)
    {
        var answers = new List<IntakeAnswer>(count);
        var next = -1;
        var clock = Stopwatch.StartNew();
        using var stopProgress = new CancellationTokenSource();
        var progress = ReportProgressAsync(() =>
        {
            lock (answers)
            {
                var accepted = answers.Count(a => a.AsExpected && !a.Message.Malformed);
                return string.Create(CultureInfo.InvariantCulture,
                    $"load: {label} {clock.Elapsed.TotalSeconds:F0} s: {answers.Count}/{count} answered, {accepted} accepted ({accepted / clock.Elapsed.TotalSeconds:F1}/s), "
                    + $"{answers.Count(a => a.AsExpected && a.Message.Malformed)} malformed refused, {answers.Count(a => !a.AsExpected)} errors");
            }
        }, stopProgress.Token);

        async Task SenderAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < count && clock.Elapsed < within; i = Interlocked.Increment(ref next))
            {
                var answer = await PostAsync(http, urls[i % urls.Length], create(i));
                lock (answers)
                {
                    answers.Add(answer);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(SenderAsync)));
        await stopProgress.CancelAsync();
        await progress;
        return answers;
    }

    private static async Task<IntakeAnswer> PostAsync(HttpClient http, Uri url, LoadMessage message)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(message.Body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content);
            var body = await response.Content.ReadAsStringAsync();
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string? id = null;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var json = JsonDocument.Parse(body);
                id = json.RootElement.TryGetProperty("id", out var value) ? value.GetString() : null;
            }

            return new IntakeAnswer(message, (int)response.StatusCode, milliseconds, id, body.Length > 300 ? body[..300] : body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new IntakeAnswer(message, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Prints a line every two seconds so a person sees the run is alive.</summary>
    private static async Task ReportProgressAsync(Func<string> line, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
                Console.WriteLine(line());
            }
        }
        catch (OperationCanceledException)
        {
            // the sending is over
        }
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> in 0..1) of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
}
