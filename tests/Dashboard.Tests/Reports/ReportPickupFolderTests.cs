using Dashboard.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Dashboard.Tests.Reports;

/// <summary>Without Smtp:Host the report's email is written where the notifications' are: Smtp:PickupDirectory under Storage:Directory.</summary>
public sealed class ReportPickupFolderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("report-pickup-").FullName;

    [Fact]
    public async Task SendAsync_StatisticsElsewhere_WritesUnderTheStorageDirectory()
    {
        var storage = Path.Combine(this.folder, "data");
        var statistics = Path.Combine(this.folder, "statistics", "statistics.db");
        using var provider = Services(("Storage:Directory", storage), ("Statistics:DatabasePath", statistics));
        var mailer = provider.GetRequiredService<MonthlyReportMailer>();

        await mailer.SendAsync(Email("rapport-2024-09@vardovergang.example.se"), CancellationToken.None);

        Assert.Single(Directory.GetFiles(Path.Combine(storage, "mail-pickup"), "*.eml"));
        Assert.False(Directory.Exists(Path.Combine(this.folder, "statistics", "mail-pickup")));
    }

    [Fact]
    public async Task SendAsync_AbsolutePickupDirectory_IsUsedAsItIs()
    {
        var pickup = Path.Combine(this.folder, "pickup");
        using var provider = Services(("Storage:Directory", Path.Combine(this.folder, "data")), ("Smtp:PickupDirectory", pickup));

        await provider.GetRequiredService<MonthlyReportMailer>().SendAsync(Email("rapport-2024-10@vardovergang.example.se"), CancellationToken.None);

        Assert.Single(Directory.GetFiles(pickup, "*.eml"));
    }

    public void Dispose() => Directory.Delete(this.folder, recursive: true);

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddDashboard(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());
        return services.BuildServiceProvider();
    }

    private static ReportEmail Email(string messageId) =>
        new(messageId, ["styrgrupp@kommun.example.se"], "Månadsrapport", "<p>Rapport</p>", "Rapport", [], "rapport.xlsx", [1, 2, 3]);
}
