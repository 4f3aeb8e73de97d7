using Dashboard.Storage;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Storage;

public sealed class StatisticsOptionsTests
{
    private static StatisticsOptions From(params (string Key, string Value)[] values) =>
        StatisticsOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build().GetSection("Statistics"));

    [Theory]
    [InlineData(2019, 7_800)]
    [InlineData(2020, 8_200)]
    [InlineData(2021, 8_200)]
    [InlineData(2022, 9_300)]
    [InlineData(2026, 9_300)]
    [InlineData(2015, 7_800)]
    public void DailyAmountFor_DefaultAmounts_UsesNearestEarlierYear(int year, int expected) =>
        Assert.Equal(expected, new StatisticsOptions().DailyAmountFor(year));

    [Fact]
    public void From_ConfiguredAmountsAndRole_OverrideDefaults()
    {
        var options = From(("Statistics:DailyAmounts:2024", "10100"), ("Statistics:RequiredRole", "Ledning"));

        Assert.Equal((10_100m, 9_300m), (options.DailyAmountFor(2025), options.DailyAmountFor(2023)));
        Assert.Equal(("Ledning", "roles"), (options.RequiredRole, options.RoleClaimType));
    }

    [Fact]
    public void From_AmountThatIsNotANumber_Throws() =>
        Assert.Throws<InvalidOperationException>(() => From(("Statistics:DailyAmounts:2024", "mycket")));
}
