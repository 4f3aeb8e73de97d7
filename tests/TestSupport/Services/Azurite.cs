using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// The Azure Storage emulator (npm azurite 3.37.0) on free loopback ports, in memory, one per test class. The
/// binary comes from AZURITE_BIN (set by scripts/test.sh) or the repository's .tools folder. <see cref="StartWithOAuthAsync"/>
/// serves HTTPS with a test certificate and takes bearer tokens too.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // The emulator's well-known development account (public, documented by Microsoft; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly HttpClientHandler? trustingHandler;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort, TestCertificate? certificate)
    {
        this.process = process;
        var scheme = certificate is null ? "http" : "https";
        this.ConnectionString = $"DefaultEndpointsProtocol={scheme};AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={scheme}://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint={scheme}://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint={scheme}://127.0.0.1:{tablePort}/devstoreaccount1;";
        this.BlobServiceUri = new Uri($"{scheme}://127.0.0.1:{blobPort}/devstoreaccount1");
        if (certificate is not null)
        {
            // Exactly this emulator's certificate, and only in the clients given these options: nothing is trusted globally.
            this.trustingHandler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
                    presented is not null && string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), certificate.Sha256Thumbprint, StringComparison.OrdinalIgnoreCase),
            };
            this.ClientOptions.Transport = new HttpClientTransport(this.trustingHandler);
        }
    }

    public string ConnectionString { get; }

    /// <summary>The account's blob endpoint, as <c>Reports:BlobServiceUri</c> takes it.</summary>
    public Uri BlobServiceUri { get; }

    /// <summary>For SDK clients of this emulator: over HTTPS they trust its certificate and no other.</summary>
    public BlobClientOptions ClientOptions { get; } = new();

    public static Task<Azurite> StartAsync() => StartAsync(certificate: null);

    /// <summary>
    /// HTTPS with <paramref name="certificate"/> and <c>--oauth basic</c>: bearer tokens are taken besides the account
    /// key. Azurite checks a token's audience, issuer and lifetime, not its signature.
    /// </summary>
    public static Task<Azurite> StartWithOAuthAsync(TestCertificate certificate) => StartAsync(certificate);

    // A port picked as free can be taken by another test's server before Azurite binds it; Azurite then exits at
    // start. Started again on new ports, up to three times (as Maildev is).
    private static async Task<Azurite> StartAsync(TestCertificate? certificate)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = await TryStartAsync(certificate);
            if (started is not null || attempt == 3)
            {
                return started ?? throw new InvalidOperationException("Azurite exited at start three times (its ports taken?).");
            }
        }
    }

    private static async Task<Azurite?> TryStartAsync(TestCertificate? certificate)
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
        if (certificate is not null)
        {
            foreach (var argument in (string[])["--cert", certificate.CertificatePath, "--key", certificate.KeyPath, "--oauth", "basic"])
            {
                start.ArgumentList.Add(argument);
            }
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, blob, queue, table, certificate);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await new BlobServiceClient(azurite.ConnectionString, azurite.ClientOptions).GetPropertiesAsync();
                return azurite;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (Exception) when (process.HasExited)
            {
                await azurite.DisposeAsync();
                return null;
            }
        }
    }

    public BlobContainerClient Container(string name) => new(this.ConnectionString, name, this.ClientOptions);

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
        this.trustingHandler?.Dispose();
    }
}
