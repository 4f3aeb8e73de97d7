using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>
/// The real Azure Functions host, built from ../shared/functions-host, and the Functions app published for it once
/// per test run. <see cref="WhyNotAvailable"/> says in one line why not, where ../shared is absent.
/// </summary>
public static class FunctionsHost
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Lazy<Task<string>> HostDll = new(BuildHostAsync);
    private static readonly Lazy<Task<string>> PublishedApp = new(PublishAppAsync);

    /// <summary>The folder with build.sh, the host's sources and its README.</summary>
    public static string SharedFolder { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "functions-host"));

    /// <summary>Null when the host can be built here; else the one line a skipped test shows.</summary>
    public static string? WhyNotAvailable { get; } = File.Exists(Path.Combine(SharedFolder, "build.sh"))
        ? null
        : $"not run: the Functions host's sources ({SharedFolder}) are absent, so the app cannot be run under the real host here.";

    /// <summary>The path of Microsoft.Azure.WebJobs.Script.WebHost.dll (build.sh caches its build across runs).</summary>
    public static Task<string> HostDllAsync() => HostDll.Value;

    /// <summary>The Functions app as <c>dotnet publish</c> lays it out, in a temporary folder.</summary>
    public static Task<string> AppAsync() => PublishedApp.Value;

    private static async Task<string> BuildHostAsync()
    {
        var (exit, output) = await RunAsync("bash", [Path.Combine(SharedFolder, "build.sh")], TimeSpan.FromMinutes(15));
        var dll = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exit != 0 || dll is null || !File.Exists(dll))
        {
            throw new InvalidOperationException($"../shared/functions-host/build.sh failed (exit {exit}):\n{output}");
        }
        return dll;
    }

    private static async Task<string> PublishAppAsync()
    {
        var project = Path.Combine(RepositoryRoot.Path, "functions", "CareTransitions.Functions", "CareTransitions.Functions.csproj");
        var output = System.IO.Directory.CreateTempSubdirectory("ct-functions-app-").FullName;
        // The solution is built before the tests run (scripts/test.sh), so publishing only lays the files out.
        var (exit, log) = await RunAsync("dotnet", ["publish", project, "-c", Configuration, "--no-build", "-o", output, "-nologo"], TimeSpan.FromMinutes(5));
        if (exit != 0)
        {
            (exit, log) = await RunAsync("dotnet", ["publish", project, "-c", Configuration, "-o", output, "-nologo"], TimeSpan.FromMinutes(10));
        }
        if (exit != 0 || !File.Exists(Path.Combine(output, "functions.metadata")))
        {
            throw new InvalidOperationException($"dotnet publish of the Functions app failed (exit {exit}):\n{log}");
        }
        return output;
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>
/// One Functions host process serving the published app on a loopback port, its function and master keys written
/// to its secrets folder first (as README of ../shared/functions-host says), its console output kept in a file.
/// </summary>
public sealed class FunctionsHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string logPath;
    private readonly StreamWriter log;

    private FunctionsHostProcess(Process process, string baseUrl, string functionKey, string masterKey, string logPath, StreamWriter log)
    {
        this.process = process;
        this.BaseUrl = baseUrl;
        this.FunctionKey = functionKey;
        this.MasterKey = masterKey;
        this.logPath = logPath;
        this.log = log;
        this.Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }

    public string FunctionKey { get; }

    public string MasterKey { get; }

    /// <summary>Anonymous: add <see cref="FunctionKey"/> per request where a route needs it.</summary>
    public HttpClient Http { get; }

    public bool HasExited => this.process.HasExited;

    /// <summary>What host and worker wrote to the console so far.</summary>
    public string Output
    {
        get
        {
            lock (this.log)
            {
                this.log.Flush();
            }
            using var reader = new StreamReader(new FileStream(this.logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// The settings every start gets: the host's own (../shared/functions-host/README.md) and the app's. Hosts on one
    /// Azurite share the <c>transitions-intake</c> queue, so only the one that <paramref name="readsIntakeQueue"/>
    /// listens to it; another would take the queue tests' messages into its own task hub.
    /// </summary>
    public static Dictionary<string, string> Settings(HostServices services, string taskHub, bool readsIntakeQueue = false) => new()
    {
        // The WebJobs SDK's per-function switch; the key keeps its dots, as the host reads app settings.
        ["AzureWebJobs.TransitionsQueue.Disabled"] = readsIntakeQueue ? "false" : "true",
        ["AzureWebJobsStorage"] = services.Storage.ConnectionString,
        ["DurableTaskHubName"] = taskHub,
        ["Storage__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = services.Database.ConnectionString,
        ["Privacy__PseudonymKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = services.Mail.SmtpPort.ToString(),
        // The tests click every link from 127.0.0.1, one client to the limit; AcknowledgementRateLimitTests sets its own.
        ["Acknowledgements__PermitsPerMinute"] = "1000",
    };

    /// <summary>Starts a host on a free port with <paramref name="settings"/>; <paramref name="waitUntilReady"/> waits for <c>/readyz</c> 200.</summary>
    public static async Task<FunctionsHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, bool waitUntilReady = true, int? port = null, string? secretsFolder = null)
    {
        var dll = await FunctionsHost.HostDllAsync();
        var app = await FunctionsHost.AppAsync();
        var listenPort = port ?? FreePort.Next();
        var hostName = $"127.0.0.1:{listenPort}";
        var baseUrl = $"http://{hostName}";
        var secrets = secretsFolder ?? System.IO.Directory.CreateTempSubdirectory("ct-host-secrets-").FullName;
        var (functionKey, masterKey) = WriteKeys(secrets, hostName);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        // This machine sets CONTAINER_NAME, which makes the host believe it is a Linux Consumption container.
        start.Environment.Remove("CONTAINER_NAME");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["AzureWebJobsScriptRoot"] = app,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["FUNCTIONS_EXTENSION_VERSION"] = "~4",
            ["AzureWebJobsSecretStorageType"] = "files",
            ["FUNCTIONS_SECRETS_PATH"] = secrets,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = baseUrl,
            ["WEBSITE_HOSTNAME"] = hostName,
            ["AzureFunctionsJobHost__Logging__Console__IsEnabled"] = "true",
            ["languageWorkers__dotnet-isolated__workerDirectory"] = app,
            ["PublicBaseUrl"] = baseUrl,
            // Each host its own id, so two hosts on one Azurite do not wait on each other's host lock.
            ["AzureFunctionsWebHost__hostid"] = "ct-" + Guid.NewGuid().ToString("N")[..20],
        }.Concat(settings))
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(secrets, "..", Path.GetFileName(secrets) + ".log");
        var writer = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite));
        var process = Process.Start(start)!;
        var host = new FunctionsHostProcess(process, baseUrl, functionKey, masterKey, logPath, writer);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitUntilReady)
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        }
        return host;
    }

    /// <summary>Until <c>/readyz</c> answers 200, or fails with the host's last lines.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        string last = "no answer";
        while (DateTime.UtcNow < deadline && !this.process.HasExited)
        {
            try
            {
                using var response = await this.Http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The Functions host at {this.BaseUrl} was not ready within {within} ({last}; exited: {this.process.HasExited}). Its output ends:\n{this.Tail(60)}");
    }

    /// <summary>The last <paramref name="lines"/> lines of <see cref="Output"/>, for failure messages.</summary>
    public string Tail(int lines) => string.Join('\n', this.Output.Split('\n').TakeLast(lines));

    /// <summary>A request with the function key, as a regional system sends it.</summary>
    public HttpRequestMessage WithFunctionKey(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", this.FunctionKey);
        return request;
    }

    /// <summary>Fires a function (a timer) through the host's admin API with the master key: 202 when accepted.</summary>
    public async Task<HttpResponseMessage> InvokeThroughAdminAsync(string function)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/functions/{function}")
        {
            Content = new StringContent("""{"input":""}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", this.MasterKey);
        return await this.Http.SendAsync(request);
    }

    /// <summary>Until the host logs <paramref name="text"/>, or fails with its last lines.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!this.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host did not log '{text}' within {within}. Its output ends:\n{this.Tail(40)}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL to the host and to the worker it started, as a crashed machine ends them.</summary>
    public async Task KillAsync()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
        }
        await this.process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await this.KillAsync();
        this.process.Dispose();
        this.Http.Dispose();
        lock (this.log)
        {
            this.log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (this.log)
        {
            if (this.log.BaseStream.CanWrite)
            {
                this.log.WriteLine(line);
            }
        }
    }

    private static (string FunctionKey, string MasterKey) WriteKeys(string folder, string hostName)
    {
        var functionKey = Key();
        var masterKey = Key();
        // The host's file secret store: UTF-8 with a byte-order mark, hostName equal to WEBSITE_HOSTNAME.
        var json = $$"""
            {"masterKey":{"name":"master","value":"{{masterKey}}","encrypted":false},
             "functionKeys":[{"name":"default","value":"{{functionKey}}","encrypted":false}],
             "systemKeys":[],"hostName":"{{hostName}}","instanceId":"{{Guid.NewGuid():N}}","source":"runtime","decryptionKeyId":""}
            """;
        File.WriteAllText(Path.Combine(folder, "host.json"), json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return (functionKey, masterKey);

        static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
