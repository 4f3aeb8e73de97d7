using System.Diagnostics;
using Azure.Storage.Blobs;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// The Azure Storage emulator (npm azurite 3.37.0) on free loopback ports, in memory, one per test class. The
/// binary comes from AZURITE_BIN (set by scripts/test.sh) or the repository's .tools folder.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // The emulator's well-known development account (public, documented by Microsoft; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private Azurite(Process process, int blobPort, int queuePort)
    {
        this.process = process;
        this.ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("AZURITE_BIN") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"azurite not found at {bin}: run `npm install --prefix .tools azurite@3.37.0` or scripts/test.sh.");
        }
        int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
        var start = new ProcessStartInfo(bin)
        {
            ArgumentList =
            {
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(), "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--inMemoryPersistence",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, blob, queue);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await new BlobServiceClient(azurite.ConnectionString).GetPropertiesAsync();
                return azurite;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public BlobContainerClient Container(string name) => new(this.ConnectionString, name);

    /// <summary>The names of the blobs in a container (none when it does not exist yet).</summary>
    public async Task<IReadOnlyList<string>> BlobNamesAsync(string container)
    {
        var client = this.Container(container);
        if (!await client.ExistsAsync())
        {
            return [];
        }
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        return names;
    }

    public async ValueTask DisposeAsync()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
            await this.process.WaitForExitAsync();
        }
        this.process.Dispose();
    }
}
