using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// A real OpenID provider (npm oidc-provider 9.13.3, driven by oidc/provider.mjs) on a free loopback port, with one
/// client for the service and nine accounts, each with an HSA-id (claim <c>hsa_id</c>) and its units' HSA-ids
/// (<c>unit_hsa_ids</c>): <see cref="SteeringGroupUser"/>, <see cref="CoordinatorUser"/>, <see cref="UserWithoutRole"/>,
/// <see cref="NurseUser"/>, <see cref="PrimaryCareUser"/>, <see cref="WardUser"/>, <see cref="UnauthorisedUser"/>,
/// <see cref="OtherMunicipalityCoordinatorUser"/> and <see cref="WardCoordinatorUser"/>. The package comes from
/// OIDC_PROVIDER_DIR (set by scripts/test.sh) or the repository's .tools.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "care-transitions";
    public const string ClientSecret = "test-client-secret-0123456789";
    public const string SteeringGroupUser = "styrgrupp";
    public const string CoordinatorUser = "samordnare";
    public const string UserWithoutRole = "utan-roll";

    /// <summary>Nina Sjuksköterska, of the home health care (hemsjukvård) of municipality 1480; no role.</summary>
    public const string NurseUser = "sjukskoterska";

    /// <summary>Vera Vårdcentral, a nurse of the primary care (vårdcentral) of municipality 1480, who calls the SIP meeting; no role.</summary>
    public const string PrimaryCareUser = "vardcentral";

    /// <summary>Anna Avdelning, of the sending ward in TestMessages (<c>SE2321000131-E000000012345</c>); no role.</summary>
    public const string WardUser = "avdelning";

    /// <summary>Olle Obehörig, of the home health care of another municipality (1401); no role.</summary>
    public const string UnauthorisedUser = "obehorig";

    /// <summary>Siv Samordnare, Samordnare of the coordination of another municipality (0181, Södertälje).</summary>
    public const string OtherMunicipalityCoordinatorUser = "samordnare-sodertalje";

    /// <summary>Vera Vårdsamordnare, Samordnare of the sending ward in TestMessages: may withdraw its readiness.</summary>
    public const string WardCoordinatorUser = "samordnare-avdelning";

    public const string SteeringGroupHsaId = "SE2321000131-P000000000001";
    public const string CoordinatorHsaId = "SE2321000131-P000000000002";
    public const string UserWithoutRoleHsaId = "SE2321000131-P000000000003";
    public const string NurseHsaId = "SE2321000131-P000000000004";
    public const string WardUserHsaId = "SE2321000131-P000000000005";
    public const string UnauthorisedHsaId = "SE2321000131-P000000000006";
    public const string OtherMunicipalityCoordinatorHsaId = "SE2321000131-P000000000007";
    public const string WardCoordinatorHsaId = "SE2321000131-P000000000008";
    public const string PrimaryCareHsaId = "SE2321000131-P000000000009";

    /// <summary>The coordinator's unit: coordination (utskrivningssamordning) of municipality 1480.</summary>
    public const string CoordinatorUnitHsaId = "SE2120001480-samordning";

    public const string NurseUnitHsaId = "SE2120001480-hemsjukvard";

    public const string PrimaryCareUnitHsaId = "SE2120001480-vardcentral";

    public const string WardUnitHsaId = "SE2321000131-E000000012345";

    public const string UnauthorisedUnitHsaId = "SE2120001401-hemsjukvard";

    public const string OtherMunicipalityCoordinatorUnitHsaId = "SE2120000181-samordning";

    private readonly Process process;

    private OidcProvider(Process process, string authority)
    {
        this.process = process;
        this.Authority = authority;
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:41234.</summary>
    public string Authority { get; }

    /// <summary>The service's settings for signing in here.</summary>
    public string[] ServiceSettings =>
    [
        $"--Authentication:OpenIdConnect:Authority={this.Authority}",
        $"--Authentication:OpenIdConnect:ClientId={ClientId}",
        $"--Authentication:OpenIdConnect:ClientSecret={ClientSecret}",
    ];

    public static async Task<OidcProvider> StartAsync()
    {
        var directory = Environment.GetEnvironmentVariable("OIDC_PROVIDER_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, ".tools");
        if (!File.Exists(Path.Combine(directory, "node_modules", "oidc-provider", "package.json")))
        {
            throw new InvalidOperationException($"oidc-provider not found under {directory}: run `npm install --prefix .tools oidc-provider@9.13.3` or scripts/test.sh.");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                Path.Combine(RepositoryRoot.Path, "tests", "TestSupport", "Services", "oidc", "provider.mjs"),
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--client-id", ClientId,
                "--client-secret", ClientSecret,
            },
            Environment = { ["OIDC_PROVIDER_DIR"] = directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("oidc-provider listening on ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"oidc-provider exited: {string.Join(Environment.NewLine, errors)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var provider = new OidcProvider(process, $"http://127.0.0.1:{port}");
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    /// <summary>
    /// Signs <paramref name="user"/> in at the service as a browser without JavaScript would (follow the redirects, post the
    /// provider's login form) and returns a client holding the session cookie. The cookie is for 127.0.0.1, so the same
    /// client also carries it to another instance on another port.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(string serviceBaseUrl, string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(serviceBaseUrl) };
        using var form = await client.GetAsync("/logga-in?returnUrl=/healthz");
        var action = Regex.Match(await form.Content.ReadAsStringAsync(), "<form[^>]*action=\"([^\"]+)\"").Groups[1].Value;
        using var login = new FormUrlEncodedContent(new Dictionary<string, string> { ["prompt"] = "login", ["login"] = user, ["password"] = "valfritt" });
        using var back = await client.PostAsync(new Uri(form.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(action)), login);
        if (back.RequestMessage!.RequestUri!.AbsolutePath != "/healthz")
        {
            throw new InvalidOperationException($"Signing in as {user} ended at {back.RequestMessage.RequestUri} ({(int)back.StatusCode}).");
        }
        return client;
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
