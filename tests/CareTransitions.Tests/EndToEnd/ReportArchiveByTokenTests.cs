using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using CareTransitions.Tests.Infrastructure;
using Dashboard.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// <c>Reports:BlobServiceUri</c>, the way Azure runs (the account takes no shared keys): the real archive against Azurite
/// over HTTPS with <c>--oauth basic</c>, authenticated by a bearer token only.
/// </summary>
public sealed class ReportArchiveByTokenTests : IAsyncLifetime
{
    private static readonly ReportMonth Month = new(2026, 10);

    private TestCertificate certificate = null!;
    private Azurite azurite = null!;

    public async Task InitializeAsync()
    {
        this.certificate = TestCertificate.Create();
        this.azurite = await Azurite.StartWithOAuthAsync(this.certificate);
    }

    public async Task DisposeAsync()
    {
        await this.azurite.DisposeAsync();
        this.certificate.Dispose();
    }

    [Fact]
    public async Task The_archive_from_BlobServiceUri_saves_reads_lists_and_marks_a_workbook_with_a_bearer_token()
    {
        var token = new CraftedToken("https://storage.azure.com");
        var archive = this.Archive("rapporter-token", token);
        var workbook = "PK fake workbook bytes"u8.ToArray();

        Assert.True(await archive.SaveIfAbsentAsync(Month, workbook, default));
        Assert.False(await archive.SaveIfAbsentAsync(Month, [1, 2, 3], default));
        Assert.Equal(workbook, await archive.ReadAsync(Month, default));
        await archive.MarkSentAsync(Month, new SentMarker(DateTimeOffset.Parse("2026-11-02T07:00:00Z"), $"<styrgruppsrapport-{Month}@vardovergang.example.se>", ["styrgrupp@kommun.example.se"]), default);
        var listed = Assert.Single(await archive.ListAsync(default));
        Assert.Equal(Month, listed.Month);
        Assert.Equal(workbook.Length, listed.Size);
        Assert.NotNull(listed.SentAt);

        // The blobs are there for anyone else who reads the account, and the token was what got them in.
        Assert.Contains(ArchiveNames.Workbook(Month), await this.azurite.BlobNamesAsync("rapporter-token"));
        Assert.Contains("https://storage.azure.com/.default", token.Scopes);
    }

    [Theory]
    [InlineData("https://vault.azure.net", 60)]
    [InlineData("https://storage.azure.com", -10)]
    public async Task Azurite_refuses_a_token_for_another_audience_or_an_expired_one(string audience, int minutesLeft)
    {
        var archive = this.Archive("rapporter-fel-token", new CraftedToken(audience, TimeSpan.FromMinutes(minutesLeft)));

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => archive.SaveIfAbsentAsync(Month, [1], default));

        Assert.Equal((403, "AuthenticationFailed"), (refused.Status, refused.ErrorCode));
        Assert.Empty(await this.azurite.BlobNamesAsync("rapporter-fel-token"));
    }

    [Fact]
    public async Task Azurite_refuses_a_request_without_a_token()
    {
        var anonymous = new BlobServiceClient(this.azurite.BlobServiceUri, this.azurite.ClientOptions).GetBlobContainerClient("rapporter-anonym");

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => anonymous.CreateIfNotExistsAsync());

        Assert.Equal((403, "AuthorizationFailure"), (refused.Status, refused.ErrorCode));
        Assert.False(await this.azurite.Container("rapporter-anonym").ExistsAsync());
    }

    [Fact]
    public void The_service_picks_the_blob_endpoint_with_the_managed_identity_and_a_connection_string_over_it()
    {
        var byIdentity = Resolve(
            ("Reports:BlobServiceUri", "https://stvardovergang.blob.core.windows.net/"),
            ("Reports:ManagedIdentityClientId", "0f9c3a5e-6d1b-4c1e-9a7e-2b8d4f6a1c3e"),
            ("Reports:BlobContainer", "styrgruppsrapporter"));
        var both = Resolve(
            ("Reports:BlobServiceUri", "https://stvardovergang.blob.core.windows.net/"),
            ("Reports:BlobConnectionString", this.azurite.ConnectionString));

        Assert.IsType<BlobReportArchive>(byIdentity);
        Assert.Equal("Azure Blob Storage https://stvardovergang.blob.core.windows.net/styrgruppsrapporter", byIdentity.Location);
        Assert.StartsWith($"Azure Blob Storage {this.azurite.BlobServiceUri}", both.Location);
    }

    [Theory]
    [InlineData("stvardovergang.blob.core.windows.net")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1")]
    [InlineData("ftp://stvardovergang.blob.core.windows.net/")]
    public void A_blob_endpoint_that_is_not_absolute_https_stops_the_start_naming_the_key(string uri)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Options(("Reports:BlobServiceUri", uri)));

        Assert.StartsWith($"Reports:BlobServiceUri='{uri}' must be the storage account's absolute https blob endpoint", error.Message);
    }

    [Fact]
    public void A_managed_identity_client_id_that_is_not_a_guid_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Options(("Reports:ManagedIdentityClientId", "id-vardovergang")));

        Assert.StartsWith("Reports:ManagedIdentityClientId='id-vardovergang' must be the managed identity's client id", error.Message);
    }

    private IReportArchive Archive(string container, TokenCredential credential) => ReportArchiveFactory.Create(
        Options(("Reports:BlobServiceUri", this.azurite.BlobServiceUri.ToString()), ("Reports:BlobContainer", container)),
        NullLogger.Instance,
        credential,
        this.azurite.ClientOptions);

    private static ReportOptions Options(params (string Key, string Value)[] settings) =>
        ReportOptions.From(Configuration(settings), Path.GetTempPath());

    private static IReportArchive Resolve(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMonthlyReports(Configuration(settings), Topology.From(("Statistics:DatabasePath", Path.Combine(Path.GetTempPath(), "statistics.db"))));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IReportArchive>();
    }

    private static IConfiguration Configuration((string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    /// <summary>
    /// An Entra ID access token's shape with the claims Azurite's basic OAuth checks (aud, iss, iat, nbf, exp). Its
    /// signature is junk: Azurite does not verify it, and nothing here talks to Entra ID.
    /// </summary>
    private sealed class CraftedToken(string audience, TimeSpan? lifetime = null) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            this.Scopes.AddRange(requestContext.Scopes);
            var now = DateTimeOffset.UtcNow;
            var expires = now + (lifetime ?? TimeSpan.FromHours(1));
            var claims = new
            {
                aud = audience,
                iss = "https://sts.windows.net/6b1f5c3e-0a9d-4e2f-8c7b-1d3e5f7a9b0c/",
                iat = now.AddMinutes(-70).ToUnixTimeSeconds(),
                nbf = now.AddMinutes(-70).ToUnixTimeSeconds(),
                exp = expires.ToUnixTimeSeconds(),
                oid = "3c2a1b0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
            };
            var jwt = $"{Base64Url(new { alg = "RS256", typ = "JWT" })}.{Base64Url(claims)}.{Convert.ToBase64String(Encoding.UTF8.GetBytes("not-signed")).TrimEnd('=')}";
            // The SDK is told the token lasts an hour whatever its exp says, so an expired one is really sent.
            return new AccessToken(jwt, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(this.GetToken(requestContext, cancellationToken));

        private static string Base64Url(object value) =>
            Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
