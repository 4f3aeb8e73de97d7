using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>One email as maildev's REST API returns it.</summary>
public sealed record ReceivedEmail(string Id, string Subject, string Text, string Html, string To, string MessageId)
{
    public string AckLink => Regex.Match(this.Text, @"https?://[^\s]+/ack/[A-Za-z0-9_-]+").Value;
}

/// <summary>
/// A real SMTP server (npm maildev 2.2.1) on free loopback ports, one per test class. The binary comes
/// from MAILDEV_BIN (set by scripts/test.sh) or the repository's .tools folder.
/// </summary>
public sealed class Maildev : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private Maildev(Process process, int smtpPort, int webPort)
    {
        this.process = process;
        this.SmtpPort = smtpPort;
        this.http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }

    public static async Task<Maildev> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("MAILDEV_BIN") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", ".bin", "maildev");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"maildev not found at {bin}: run `npm install --prefix .tools maildev@2.2.1` or scripts/test.sh.");
        }

        var smtp = FreePort.Next();
        var web = FreePort.Next();
        var start = new ProcessStartInfo(bin)
        {
            ArgumentList = { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", smtp.ToString(), "-w", web.ToString(), "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var maildev = new Maildev(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await maildev.AllAsync();
                return maildev;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The message as the SMTP server received it (RFC 5322 source), for checking its MIME structure.</summary>
    public async Task<byte[]> SourceAsync(string id) => await this.http.GetByteArrayAsync($"/email/{id}/source");

    public async Task<IReadOnlyList<ReceivedEmail>> AllAsync()
    {
        var items = await this.http.GetFromJsonAsync<JsonElement>("/email");
        return items.EnumerateArray().Select(e => new ReceivedEmail(
            e.GetProperty("id").GetString()!,
            e.GetProperty("subject").GetString() ?? string.Empty,
            e.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty,
            e.TryGetProperty("html", out var html) ? html.GetString() ?? string.Empty : string.Empty,
            string.Join(",", e.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString())),
            e.GetProperty("headers").TryGetProperty("message-id", out var id) ? id.GetString() ?? string.Empty : string.Empty)).ToList();
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> distinct emails (by Message-ID) match, and returns every
    /// match. A resend after a crash repeats a Message-ID, so it is not counted twice.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(Func<ReceivedEmail, bool> match, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = (await this.AllAsync()).Where(match).ToList();
            if (found.Select(e => e.MessageId).Distinct().Count() >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching emails, found {found.Count}: {string.Join(" | ", found.Select(f => f.Subject))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        this.http.Dispose();
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
            await this.process.WaitForExitAsync();
        }

        this.process.Dispose();
    }
}

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Serverless.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Serverless.sln not found above the test binaries.");
    }
}
