using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;
using Npgsql;

// The same care-transition load through the Functions app under the real Functions host (Azure Storage provider on
// Azurite, app data on PostgreSQL) and through the standalone service (our backend on the same PostgreSQL), on this
// machine in one run, each on its own database. A transition counts when every routed unit's first email has been
// accepted by the SMTP server (maildev): the app's sent_emails row, written after the server's 250, carries the time.
//   transitions_per_s = transitions / (last transition's last first-email − first message's send)
//   intake_p99_ms     = the 99th percentile of POST /api/transitions, request to 202
// Messages are sent by --concurrency clients at once, after a warm-up of its own on each system.
// Usage: dotnet run -c Release --project tests/Functions.Benchmarks [-- --count 300 --concurrency 8]
var count = Option("--count", 300);
var concurrency = Option("--concurrency", 8);
const int WarmUp = 30;
const string ApiKey = "benchmark-key-0123456789";

if (FunctionsHost.WhyNotAvailable is { } why)
{
    Console.Error.WriteLine(why);
    return 1;
}

Console.WriteLine($"== {count} transitions, {concurrency} clients, {Environment.ProcessorCount} cores; starting PostgreSQL, Azurite, maildev; building the host; publishing the app");
await using var services = await HostServices.StartAsync();
var cluster = await Testing.Postgres.PostgresCluster.SharedAsync();
await using var standaloneDatabase = await cluster.CreateDatabaseAsync();

// Reminders far away: only first emails are sent while measuring.
var hostSettings = FunctionsHostProcess.Settings(services, "bench");
hostSettings["Workflow__ReminderAfter"] = "10:00:00";
hostSettings["Workflow__EscalateAfter"] = "20:00:00";
hostSettings["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning";
Result hostResult;
await using (var host = await FunctionsHostProcess.StartAsync(hostSettings))
{
    Console.WriteLine($"== Functions host at {host.BaseUrl}");
    hostResult = await MeasureAsync("host", host.BaseUrl, host.FunctionKey, services.Database.ConnectionString);
}

Result standaloneResult;
var port = FreePort.Next();
var standaloneUrl = $"http://127.0.0.1:{port}";
await using (var standalone = await ServiceProcess.StartAsync(standaloneUrl,
[
    $"--urls={standaloneUrl}", $"--PublicBaseUrl={standaloneUrl}", $"--Storage:Directory={System.IO.Directory.CreateTempSubdirectory("ct-bench-").FullName}",
    "--Storage:Provider=Postgres", $"--ConnectionStrings:Postgres={standaloneDatabase.ConnectionString}",
    "--Smtp:Host=127.0.0.1", $"--Smtp:Port={services.Mail.SmtpPort}", $"--Intake:ApiKey={ApiKey}",
    $"--Privacy:PseudonymKey={hostSettings["Privacy__PseudonymKey"]}", "--Logging:LogLevel:Default=Warning",
    "--Workflow:ReminderAfter=10:00:00", "--Workflow:EscalateAfter=20:00:00",
]))
{
    Console.WriteLine($"== standalone service at {standaloneUrl}");
    standaloneResult = await MeasureAsync("standalone", standaloneUrl, ApiKey, standaloneDatabase.ConnectionString);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"functions: host_transitions_per_s={hostResult.TransitionsPerSecond:F1} standalone_transitions_per_s={standaloneResult.TransitionsPerSecond:F1} host_intake_p99_ms={hostResult.IntakeP99Ms:F1} standalone_intake_p99_ms={standaloneResult.IntakeP99Ms:F1}"));
return 0;

async Task<Result> MeasureAsync(string name, string baseUrl, string key, string database)
{
    using var api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
    api.DefaultRequestHeaders.Add("x-functions-key", key);
    await SendAsync(api, database, WarmUp, "WARM");
    var started = DateTimeOffset.UtcNow;
    var (ids, latencies) = await SendAsync(api, database, count, "BENCH");
    var done = await LastFirstEmailAsync(database, ids, TimeSpan.FromMinutes(10));
    var seconds = (done - started).TotalSeconds;
    latencies.Sort();
    var result = new Result(count / seconds, latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {count} transitions in {seconds:F1} s = {result.TransitionsPerSecond:F1}/s; intake p50 {latencies[latencies.Count / 2]:F1} ms, p99 {result.IntakeP99Ms:F1} ms"));
    return result;
}

// Sends `total` first messages with `concurrency` clients; waits until each one's units all have their first email.
async Task<(List<string> Ids, List<double> Latencies)> SendAsync(HttpClient api, string database, int total, string prefix)
{
    var ids = new List<string>();
    var latencies = new List<double>();
    var next = 0;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= total)
        {
            var message = new
            {
                messageId = Guid.NewGuid().ToString("N"),
                type = "ReadyForDischarge",
                episodeId = $"{prefix}-{Guid.NewGuid():N}",
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                patient = new { personalIdentityNumber = "19121212-1212", municipalityCode = "1480" },
                ward = new { hsaId = "SE2321000131-E000000012345", name = "Avdelning 12 Medicin" },
                careType = "Somatic",
                needs = new[] { "HomeHealthCare", "Rehabilitation" },
            };
            var clock = Stopwatch.StartNew();
            using var response = await api.PostAsJsonAsync("/api/transitions", message);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
            lock (ids)
            {
                ids.Add(id);
                latencies.Add(elapsed);
            }
        }
    }));
    await LastFirstEmailAsync(database, ids, TimeSpan.FromMinutes(10));
    return (ids, latencies);
}

// When every routed unit of every transition has had its first email: the latest sent_at among them. Routing gives
// each transition the same units here (municipality 1480, two needs), so the first transition's count is the count.
static async Task<DateTimeOffset> LastFirstEmailAsync(string database, List<string> ids, TimeSpan within)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    var deadline = DateTime.UtcNow + within;
    while (true)
    {
        await using var query = new NpgsqlCommand(
            """
            SELECT count(DISTINCT transition_id), count(*), max(sent_at),
                   (SELECT count(*) FROM app.sent_emails WHERE kind = 'Notification' AND transition_id = @first)
            FROM app.sent_emails WHERE kind = 'Notification' AND transition_id = ANY(@ids)
            """, connection);
        query.Parameters.AddWithValue("ids", ids.ToArray());
        query.Parameters.AddWithValue("first", ids[0]);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        long transitions = reader.GetInt64(0), emails = reader.GetInt64(1), unitsEach = reader.GetInt64(3);
        if (transitions == ids.Count && unitsEach > 0 && emails == transitions * unitsEach)
        {
            return reader.GetFieldValue<DateTimeOffset>(2);
        }
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"{transitions} of {ids.Count} transitions had first emails ({emails} emails) after {within}.");
        }
        await reader.DisposeAsync();
        await Task.Delay(200);
    }
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record Result(double TransitionsPerSecond, double IntakeP99Ms);
