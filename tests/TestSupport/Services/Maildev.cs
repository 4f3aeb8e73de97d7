using System.Collections.Concurrent;
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

/// <summary>How the test's maildev talks to its clients.</summary>
public enum MaildevTls
{
    /// <summary>Plain SMTP (maildev's default).</summary>
    None,

    /// <summary>Plain SMTP that offers STARTTLS (maildev through Services/maildev-starttls.js).</summary>
    StartTls,

    /// <summary>TLS from the first byte (maildev --incoming-secure).</summary>
    Implicit,
}

/// <summary>What a test's maildev requires: TLS with <paramref name="Certificate"/>, and a login when <paramref name="User"/> is set.</summary>
public sealed record MaildevOptions(MaildevTls Tls = MaildevTls.None, TestCertificate? Certificate = null, string? User = null, string? Password = null);

/// <summary>
/// A real SMTP server (npm maildev 2.2.1) on free loopback ports, one per test class. The binary comes
/// from MAILDEV_BIN (set by scripts/test.sh) or the repository's .tools folder. It can be stopped and
/// started again on the same ports, for tests of a mail server that goes away.
/// </summary>
public sealed class Maildev : IAsyncDisposable
{
    private readonly ProcessStartInfo start;
    private readonly HttpClient http;
    private Process? process;

    private Maildev(ProcessStartInfo start, int smtpPort, int webPort)
    {
        this.start = start;
        this.SmtpPort = smtpPort;
        this.http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }

    public static async Task<Maildev> StartAsync(MaildevOptions? options = null)
    {
        options ??= new MaildevOptions();
        var bin = Environment.GetEnvironmentVariable("MAILDEV_BIN") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", ".bin", "maildev");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"maildev not found at {bin}: run `npm install --prefix .tools maildev@2.2.1` or scripts/test.sh.");
        }

        // IMPORTANT: the ports are free when picked, not when maildev binds them, and another test's server may take one
        // in between. Seen once in CI: maildev exited two seconds after its start, and the test's first look was refused
        // (its standard error was not kept then; it is now, in the error below). New ports, up to three times.
        for (var attempt = 1; ; attempt++)
        {
            var (smtp, web) = (FreePort.Next(), FreePort.Next());
            var maildev = new Maildev(Configure(options, bin, smtp, web), smtp, web);
            try
            {
                await maildev.ResumeAsync();
                return maildev;
            }
            catch (ExitedAtStartException) when (attempt < 3)
            {
                await maildev.DisposeAsync();
            }
        }
    }

    private static ProcessStartInfo Configure(MaildevOptions options, string bin, int smtp, int web)
    {
        var start = options.Tls == MaildevTls.StartTls
            ? new ProcessStartInfo("node") { ArgumentList = { Path.Combine(RepositoryRoot.Path, "tests", "TestSupport", "Services", "maildev-starttls.js") } }
            : new ProcessStartInfo(bin);
        start.Environment["MAILDEV_BIN"] = bin;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var argument in new[] { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", smtp.ToString(), "-w", web.ToString(), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Tls != MaildevTls.None)
        {
            var certificate = options.Certificate ?? throw new ArgumentException("TLS needs a certificate.", nameof(options));
            start.ArgumentList.Add("--incoming-cert");
            start.ArgumentList.Add(certificate.CertificatePath);
            start.ArgumentList.Add("--incoming-key");
            start.ArgumentList.Add(certificate.KeyPath);
            if (options.Tls == MaildevTls.Implicit)
            {
                start.ArgumentList.Add("--incoming-secure");
            }
        }

        if (options.User is { } user)
        {
            start.ArgumentList.Add("--incoming-user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--incoming-pass");
            start.ArgumentList.Add(options.Password ?? string.Empty);
        }

        return start;
    }

    /// <summary>Stops the server (its SMTP port then refuses connections).</summary>
    public async Task StopAsync()
    {
        if (this.process is not { } running)
        {
            return;
        }

        this.process = null;
        if (!running.HasExited)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }

        running.Dispose();
    }

    /// <summary>Starts the server again on the same ports (the emails it had are gone).</summary>
    public async Task ResumeAsync()
    {
        var started = Process.Start(this.start)!;
        var errors = new ConcurrentQueue<string>();
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors.Enqueue(line);
            }
        };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        this.process = started;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await this.AllAsync();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !started.HasExited)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException) when (started.HasExited)
            {
                await started.WaitForExitAsync(); // its last lines of standard error read
                throw new ExitedAtStartException(
                    $"maildev (SMTP {this.SmtpPort}) exited at start with code {started.ExitCode}: {string.Join(" | ", errors.TakeLast(5))}");
            }
        }
    }

    /// <summary>maildev ended before it answered, most likely because one of its ports had been taken.</summary>
    private sealed class ExitedAtStartException(string message) : Exception(message);

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
        await this.StopAsync();
    }
}

public static class RepositoryRoot
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
