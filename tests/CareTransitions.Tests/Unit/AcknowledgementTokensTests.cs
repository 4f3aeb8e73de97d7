using System.Security.Cryptography;
using CareTransitions.Acknowledgements;
using CareTransitions.Configuration;
using CareTransitions.Storage;
using Microsoft.Extensions.Options;

namespace CareTransitions.Tests.UnitTests;

public sealed class AcknowledgementTokensTests : IDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("ct-tokens-").FullName;
    private readonly AppDatabase database;

    public AcknowledgementTokensTests() =>
        this.database = new AppDatabase(Options.Create(new StorageOptions { Directory = this.directory }));

    [Fact]
    public async Task CreateAsync_NewToken_Is256BitBase64UrlAndStoredOnlyAsItsHash()
    {
        var tokens = new AcknowledgementTokens(this.database);
        var token = await tokens.CreateAsync("ct-1", "unit-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(14), default);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        await using var connection = await this.database.OpenAsync();
        var stored = await connection.QuerySingleOrDefaultAsync("SELECT token_hash FROM ack_tokens", null, r => (byte[])r.GetValue(0));
        Assert.Equal(SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(token)), stored);
    }

    [Fact]
    public async Task FindAsync_KnownToken_ReturnsItsUnitAndTransition()
    {
        var tokens = new AcknowledgementTokens(this.database);
        var expires = DateTimeOffset.UtcNow.AddDays(14);
        var token = await tokens.CreateAsync("ct-1", "unit-1", DateTimeOffset.UtcNow, expires, default);

        var grant = await tokens.FindAsync(token, default);

        Assert.Equal(("ct-1", "unit-1"), (grant?.TransitionId, grant?.UnitId));
        Assert.Equal(expires.ToUnixTimeMilliseconds(), grant!.ExpiresAt.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!!")]
    public async Task FindAsync_UnknownOrMalformedToken_ReturnsNull(string token) =>
        Assert.Null(await new AcknowledgementTokens(this.database).FindAsync(token, default));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(this.directory, recursive: true);
    }
}

public sealed class RetentionCleanupTests : IDisposable
{
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("ct-retention-").FullName;

    [Fact]
    public async Task RunOnceAsync_TokensExpiredLongAgo_AreDeletedAndRecentOnesKept()
    {
        var database = new AppDatabase(Options.Create(new StorageOptions { Directory = this.directory }));
        var tokens = new AcknowledgementTokens(database);
        var now = DateTimeOffset.UtcNow;
        var old = await tokens.CreateAsync("ct-1", "u", now.AddDays(-60), now.AddDays(-31), default);
        var recentlyExpired = await tokens.CreateAsync("ct-1", "u", now.AddDays(-20), now.AddDays(-6), default);
        var valid = await tokens.CreateAsync("ct-1", "u", now, now.AddDays(14), default);
        var cleanup = new CareTransitions.Privacy.RetentionCleanup(
            database, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CareTransitions.Privacy.RetentionCleanup>.Instance);

        Assert.Equal(1, await cleanup.RunOnceAsync(default));

        Assert.Null(await tokens.FindAsync(old, default));
        Assert.NotNull(await tokens.FindAsync(recentlyExpired, default));
        Assert.NotNull(await tokens.FindAsync(valid, default));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(this.directory, recursive: true);
    }
}
