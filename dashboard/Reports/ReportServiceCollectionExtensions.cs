using Dashboard.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Configuration;
using Platform.Mail;
using Platform.Storage;

namespace Dashboard.Reports;

internal static class ReportServiceCollectionExtensions
{
    /// <summary>
    /// The monthly report: its options (<c>Reports</c>, <c>Smtp</c>), the archive (blob container by connection string
    /// or by managed identity, or the <c>reports</c> folder beside statistics.db), the mailer (without <c>Smtp:Host</c>,
    /// .eml files in <c>Smtp:PickupDirectory</c> under <c>Storage:Directory</c>) and <see cref="MonthlyReports"/>.
    /// </summary>
    public static IServiceCollection AddMonthlyReports(this IServiceCollection services, IConfiguration configuration, StorageTopology storage)
    {
        var besideStatistics = Path.GetDirectoryName(Path.GetFullPath(storage.Statistics.SqlitePath)) ?? ".";
        var options = ReportOptions.Read(configuration, besideStatistics);
        services.TryAddSingleton(options);
        services.AddValidatedInstance<ReportOptions, ReportOptionsValidator>(options);
        services.TryAddSingleton<IReportArchive>(sp => ReportArchiveFactory.Create(options, sp.GetRequiredService<ILogger<ReportOptions>>()));
        services.AddHostedService<ReportSettingsLog>();
        services.AddSmtpOptions(configuration);
        // The pickup folder is the notifications' one, under Storage:Directory.
        services.TryAddSingleton(sp => new MonthlyReportMailer(sp.GetRequiredService<IOptions<SmtpOptions>>(), storage.Directory));
        services.TryAddSingleton(sp => new MonthlyReportBuilder(sp.GetRequiredService<IStatisticsQuery>(), options, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MonthlyReports(
            sp.GetRequiredService<MonthlyReportBuilder>(),
            sp.GetRequiredService<IReportArchive>(),
            sp.GetRequiredService<MonthlyReportMailer>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MonthlyReports>>()));
        return services;
    }
}
