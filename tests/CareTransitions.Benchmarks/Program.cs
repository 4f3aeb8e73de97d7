using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareTransitions;

// Measures, through the real service on loopback with the engine on SQLite and a real SMTP server (maildev):
//   intake → email: from the start of POST /api/transitions until maildev's REST API lists the first email
//   (polled every 2 ms; maildev's own "time" field comes from the Date header, to the second, so it is not used);
//   click → acknowledged: from the start of the form POST on /ack/{token} to GET /api/transitions/{id}
//   showing the unit acknowledged (polled every 2 ms, so up to ~2 ms of polling is included).
// Transitions run one after another so each latency is measured on an otherwise idle service.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
const int warmUp = 3;
const string apiKey = "benchmark-key-0123456789";

var root = FindRoot();
var maildevBin = Environment.GetEnvironmentVariable("MAILDEV_BIN") is { Length: > 0 } bin ? bin : Path.Combine(root, ".tools", "node_modules", ".bin", "maildev");
int smtpPort = FreePort(), webPort = FreePort(), port = FreePort();
using var maildev = Process.Start(new ProcessStartInfo(maildevBin)
{
    ArgumentList = { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", smtpPort.ToString(CultureInfo.InvariantCulture), "-w", webPort.ToString(CultureInfo.InvariantCulture), "--silent" },
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;
var intakeToEmail = new List<double>();
var clickToAck = new List<double>();
try
{
    var directory = Directory.CreateTempSubdirectory("ct-bench-").FullName;
    var baseUrl = $"http://127.0.0.1:{port}";
    var app = CareTransitionsApp.Build(
    [
        $"--urls={baseUrl}", $"--PublicBaseUrl={baseUrl}", $"--Storage:Directory={directory}",
        "--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtpPort}", $"--Intake:ApiKey={apiKey}", "--Intake:ApiKeyOpensCoordinatorApi=true",
        $"--Privacy:PseudonymKey={Convert.ToBase64String(new byte[32])}", "--Logging:LogLevel:Default=Warning",
        "--Acknowledgements:PermitsPerMinute=100000",
    ]);
    await app.StartAsync();

    using var mail = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
    api.DefaultRequestHeaders.Add("x-functions-key", apiKey);
    await WaitForMaildevAsync(mail);

    for (var i = 0; i < count + warmUp; i++)
    {
        await mail.DeleteAsync("/email/all");
        var episode = $"BENCH-{Guid.NewGuid():N}";
        var message = new
        {
            messageId = Guid.NewGuid().ToString("N"),
            type = "ReadyForDischarge",
            episodeId = episode,
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            patient = new { personalIdentityNumber = "19121212-1212", municipalityCode = "1480" },
            ward = new { hsaId = "SE2321000131-E000000012345", name = "Avdelning 12 Medicin" },
            careType = "Somatic",
            needs = Array.Empty<string>(),
        };

        var started = Stopwatch.StartNew();
        using var accepted = await api.PostAsJsonAsync("/api/transitions", message);
        accepted.EnsureSuccessStatusCode();
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var text = await FirstEmailAsync(mail);
        var emailed = started.Elapsed;

        var link = Regex.Match(text, @"https?://\S+/ack/[A-Za-z0-9_-]+").Value;
        var unitId = await UnitOfLinkAsync(api, id, text);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var page = await browser.GetStringAsync(link);
        var fields = Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("name", "Benchmark")).ToList();

        var clicked = Stopwatch.StartNew();
        using var posted = await browser.PostAsync(link, new FormUrlEncodedContent(fields));
        posted.EnsureSuccessStatusCode();
        while (!await IsAcknowledgedAsync(api, id, unitId))
        {
            await Task.Delay(2);
        }

        if (i >= warmUp)
        {
            intakeToEmail.Add(emailed.TotalMilliseconds);
            clickToAck.Add(clicked.Elapsed.TotalMilliseconds);
        }
    }
    await app.StopAsync();
}
finally
{
    // Never leave the SMTP server running, even when a run fails halfway.
    maildev.Kill(entireProcessTree: true);
}

Console.WriteLine(FormattableString.Invariant(
    $"e2e: transitions={count} intake_to_email_p50_ms={P(intakeToEmail, 50):F0} intake_to_email_p95_ms={P(intakeToEmail, 95):F0} click_to_ack_p50_ms={P(clickToAck, 50):F0} click_to_ack_p95_ms={P(clickToAck, 95):F0}"));

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1];
}

static async Task<string> FirstEmailAsync(HttpClient mail)
{
    while (true)
    {
        var emails = await mail.GetFromJsonAsync<JsonElement>("/email");
        if (emails.GetArrayLength() > 0)
        {
            return emails[0].GetProperty("text").GetString()!;
        }

        await Task.Delay(2);
    }
}

static async Task<string> UnitOfLinkAsync(HttpClient api, string id, string text)
{
    var status = await api.GetFromJsonAsync<JsonElement>($"/api/transitions/{id}");
    return status.GetProperty("status").GetProperty("units").EnumerateArray()
        .First(u => text.Contains(u.GetProperty("name").GetString()!, StringComparison.Ordinal)).GetProperty("unitId").GetString()!;
}

static async Task<bool> IsAcknowledgedAsync(HttpClient api, string id, string unitId)
{
    var status = await api.GetFromJsonAsync<JsonElement>($"/api/transitions/{id}");
    return status.GetProperty("status").GetProperty("units").EnumerateArray()
        .Any(u => u.GetProperty("unitId").GetString() == unitId && u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String);
}

static async Task WaitForMaildevAsync(HttpClient mail)
{
    for (var attempt = 0; ; attempt++)
    {
        try
        {
            await mail.GetStringAsync("/email");
            return;
        }
        catch (HttpRequestException) when (attempt < 200)
        {
            await Task.Delay(100);
        }
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
