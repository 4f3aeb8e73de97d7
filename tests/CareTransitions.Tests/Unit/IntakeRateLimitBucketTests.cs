using CareTransitions.Intake;

namespace CareTransitions.Tests.UnitTests;

/// <summary>Intake:PermitsPerMinute is the rate it says, also under 60 (it used to be at least 60 a minute).</summary>
public sealed class IntakeRateLimitBucketTests
{
    [Theory]
    [InlineData(3000, 50, 1)]
    [InlineData(90, 3, 2)]
    [InlineData(3, 1, 20)]
    [InlineData(7, 7, 60)]
    [InlineData(60, 1, 1)]
    public void Bucket_RefillsExactlyThePermitsPerMinute(int perMinute, int tokens, int seconds)
    {
        var bucket = IntakeRateLimit.Bucket(perMinute);

        Assert.Equal((perMinute, tokens, TimeSpan.FromSeconds(seconds)), (bucket.TokenLimit, bucket.TokensPerPeriod, bucket.ReplenishmentPeriod));
        Assert.Equal(perMinute, bucket.TokensPerPeriod * (60 / (int)bucket.ReplenishmentPeriod.TotalSeconds));
    }
}
