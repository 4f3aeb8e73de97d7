using Microsoft.Extensions.Logging;

namespace Dashboard;

/// <summary>
/// Every log line of the dashboard in one place, so each event id is given once (LogEventIdTests keeps them unique):
/// 4001–4099 statistics, 4101–4199 the monthly report.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Monthly report {Month} sent to {Recipients} recipients and archived in {Archive}")]
    public static partial void MonthlyReportSent(this ILogger logger, string month, int recipients, string archive);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Monthly report {Month} was sent at {SentAt} as {MessageId}; not sent again")]
    public static partial void MonthlyReportAlreadySent(this ILogger logger, string month, DateTimeOffset sentAt, string messageId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Monthly report {Month} not sent: Reports:Enabled is false")]
    public static partial void MonthlyReportDisabled(this ILogger logger, string month);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Monthly reports: archive {Archive}; scheduled sending {Sending} (Reports:Enabled) to {Recipients} recipients")]
    public static partial void ReportSettings(this ILogger logger, string archive, string sending, int recipients);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Statistics snapshot loaded with {Episodes} episodes")]
    public static partial void SnapshotLoaded(this ILogger logger, int episodes);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Statistics snapshot could not be loaded at startup")]
    public static partial void SnapshotNotLoaded(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Open-transition counts could not be read; the dashboard shows them as missing")]
    public static partial void OpenTransitionCountsNotRead(this ILogger logger, Exception exception);
}
