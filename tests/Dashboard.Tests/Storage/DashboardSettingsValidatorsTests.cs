using Dashboard.Reports;
using Dashboard.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Storage;

/// <summary>The dashboard's settings validators, and that AddDashboard runs them through the options pipeline.</summary>
public sealed class DashboardSettingsValidatorsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();

    [Fact]
    public void StatisticsValidator_Defaults_Succeed() =>
        Assert.True(new StatisticsOptionsValidator().Validate(null, new StatisticsOptions()).Succeeded);

    [Fact]
    public void StatisticsValidator_UnreadableAndZeroAmounts_OneLineEach()
    {
        var options = StatisticsOptions.Read(Configuration(
            ("Statistics:Provider", "Oracle"), ("Statistics:DailyAmounts:2024", "mycket"), ("Statistics:DailyAmounts:2025", "0")).GetSection("Statistics"));

        var failures = new StatisticsOptionsValidator().Validate(null, options).Failures!.ToList();

        // Statistics:Provider is the storage topology's (StatisticsStoreTopologyTests).
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Statistics:DailyAmounts:2024='mycket'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Statistics:DailyAmounts:2025='0' must be an amount in kronor above zero", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportValidator_EnabledWithoutRecipientsAndBadValues_OneLineEach()
    {
        var options = ReportOptions.Read(Configuration(
            ("Reports:Enabled", "ja"), ("Reports:TrendMonths", "0"), ("Reports:ReformDate", "22/11/2025"), ("Reports:BlobContainer", "Rapporter")), "/tmp");

        var failures = new ReportOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains("Reports:Enabled='ja' must be true or false.", failures);
        Assert.Contains(failures, f => f.StartsWith("Reports:ReformDate='22/11/2025' must be a date written yyyy-MM-dd", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Reports:TrendMonths=0 must be between 1 and 120", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Reports:BlobContainer='Rapporter' is not a blob container name", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportValidator_EnabledWithABadRecipient_NamesIt()
    {
        var options = ReportOptions.Read(Configuration(("Reports:Enabled", "true"), ("Reports:Recipients", "styrgrupp@kommun.se, styrgrupp(at)kommun.se")), "/tmp");

        Assert.StartsWith("Reports:Recipients='styrgrupp(at)kommun.se' is not an email address",
            Assert.Single(new ReportOptionsValidator().Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void AddDashboard_BadSettings_FailAtOptionsNotAtRegistration()
    {
        var services = new ServiceCollection();
        services.AddDashboard(Configuration(("Statistics:DailyAmounts:2024", "mycket"), ("Reports:TrendMonths", "500")));
        using var provider = services.BuildServiceProvider();

        var statistics = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StatisticsOptions>>().Value);
        var reports = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReportOptions>>().Value);

        Assert.StartsWith("Statistics:DailyAmounts:2024='mycket'", Assert.Single(statistics.Failures), StringComparison.Ordinal);
        Assert.StartsWith("Reports:TrendMonths=500", Assert.Single(reports.Failures), StringComparison.Ordinal);
    }
}
