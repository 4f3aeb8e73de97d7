using System.Security.Cryptography;
using CareTransitions.Acknowledgements;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.UnitTests;

public sealed class AcknowledgementTokensTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateAsync_NewToken_Is256BitBase64UrlAndStoredOnlyAsItsHash(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var tokens = new AcknowledgementTokens(store.Database);
        var token = await tokens.CreateAsync("ct-1", "unit-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(14), default);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        await using var connection = await store.Database.OpenAsync();
        var stored = await connection.QuerySingleOrDefaultAsync("SELECT token_hash FROM ack_tokens", null, r => (byte[])r.GetValue(0));
        Assert.Equal(SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(token)), stored);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task FindAsync_KnownToken_ReturnsItsUnitAndTransition(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var tokens = new AcknowledgementTokens(store.Database);
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
    public async Task FindAsync_UnknownOrMalformedToken_ReturnsNull(string token)
    {
        await using var store = await TestAppStore.CreateAsync(TestStore.Sqlite);
        Assert.Null(await new AcknowledgementTokens(store.Database).FindAsync(token, default));
    }
}

public sealed class RetentionCleanupTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RunOnceAsync_TokensExpiredLongAgo_AreDeletedAndRecentOnesKept(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var tokens = new AcknowledgementTokens(store.Database);
        var now = DateTimeOffset.UtcNow;
        var old = await tokens.CreateAsync("ct-1", "u", now.AddDays(-60), now.AddDays(-31), default);
        var recentlyExpired = await tokens.CreateAsync("ct-1", "u", now.AddDays(-20), now.AddDays(-6), default);
        var valid = await tokens.CreateAsync("ct-1", "u", now, now.AddDays(14), default);
        var cleanup = new CareTransitions.Privacy.RetentionCleanup(
            store.Database,
            new CareTransitions.Handover.PersonalDataUpkeep(store.Database, TestCiphers.New(), TimeProvider.System),
            Microsoft.Extensions.Options.Options.Create(new CareTransitions.Handover.PersonalDataOptions()),
            new CareTransitions.AccessLogging.AccessLog(store.Database, TimeProvider.System),
            Microsoft.Extensions.Options.Options.Create(new CareTransitions.AccessLogging.AccessLogOptions()),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CareTransitions.Privacy.RetentionCleanup>.Instance);

        Assert.Equal(1, await cleanup.RunOnceAsync(default));

        Assert.Null(await tokens.FindAsync(old, default));
        Assert.NotNull(await tokens.FindAsync(recentlyExpired, default));
        Assert.NotNull(await tokens.FindAsync(valid, default));
    }
}
