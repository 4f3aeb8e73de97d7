using Dashboard.Charts;
using Dashboard.Statistics;
using Microsoft.Extensions.Logging;

namespace Dashboard.Reports;

/// <summary>What <see cref="MonthlyReports.ProduceAndSendAsync"/> did.</summary>
public enum MonthlyReportOutcome
{
    /// <summary>Archived (or found archived) and emailed to the steering group just now.</summary>
    Sent,

    /// <summary>The month's report had gone out before; nothing was sent again.</summary>
    AlreadySent,

    /// <summary><c>Reports:Enabled</c> is false; nothing was produced or sent.</summary>
    Disabled,
}

/// <summary>The result of producing and sending one month's report.</summary>
/// <param name="Month">The report month.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="ArchiveName">The workbook's name in the archive.</param>
public sealed record MonthlyReportDelivery(ReportMonth Month, MonthlyReportOutcome Outcome, string ArchiveName);

/// <summary>
/// The monthly steering-group report (månadsrapport till styrgruppen): the month's key figures with their
/// definitions, before/after the reform date, trend charts and the tables per municipality and unit type, as
/// an HTML email with the charts inline and the .xlsx attached, archived in Blob Storage (or a local folder).
/// </summary>
/// <remarks>
/// <see cref="ProduceAndSendAsync"/> is the one entry point a schedule calls: the standalone service's eternal
/// orchestration, or an Azure Functions timer trigger in one line. It is idempotent, so a retry, a replay or a
/// restart never sends a month twice.
/// </remarks>
public sealed partial class MonthlyReports
{
    private readonly MonthlyReportBuilder builder;
    private readonly IReportArchive archive;
    private readonly MonthlyReportMailer mailer;
    private readonly ReportOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<MonthlyReports> logger;

    internal MonthlyReports(MonthlyReportBuilder builder, IReportArchive archive, MonthlyReportMailer mailer, ReportOptions options, TimeProvider clock, ILogger<MonthlyReports> logger)
    {
        this.builder = builder;
        this.archive = archive;
        this.mailer = mailer;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>
    /// Produces the report for <paramref name="month"/>, archives it unless the archive has it, emails the
    /// archived workbook to <c>Reports:Recipients</c> and records that it went out. A month already sent is left alone.
    /// </summary>
    /// <param name="month">A month that has ended.</param>
    /// <param name="cancellationToken">Stops a slow store or mail server; the next call starts over safely.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The month has not ended yet.</exception>
    /// <remarks>
    /// Exactly once as far as email allows: a crash after the mail server accepted the message but before the
    /// sent marker was written sends it again on the next call, with the same Message-ID.
    /// </remarks>
    public async Task<MonthlyReportDelivery> ProduceAndSendAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        var name = MonthlyReport.FileNameOf(month);
        if (!this.options.Enabled)
        {
            this.logger.MonthlyReportDisabled(month.ToString());
            return new MonthlyReportDelivery(month, MonthlyReportOutcome.Disabled, name);
        }
        if (month.LastDay >= SwedishCalendar.DateOf(this.clock.GetUtcNow()))
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "A month's report is sent once the month has ended.");
        }
        // IMPORTANT: the sent marker is checked first and written last, so every path that sent nothing can send.
        if (await this.archive.GetSentAsync(month, cancellationToken) is { } sent)
        {
            this.logger.MonthlyReportAlreadySent(month.ToString(), sent.SentAt, sent.MessageId);
            return new MonthlyReportDelivery(month, MonthlyReportOutcome.AlreadySent, name);
        }

        var (report, charts, produced) = this.Produce(month);
        var workbook = await this.archive.SaveIfAbsentAsync(month, produced, cancellationToken)
            ? produced
            // Archived by an earlier attempt: that file is the report, so that file is what goes out.
            : await this.archive.ReadAsync(month, cancellationToken) ?? produced;

        var archiveUrl = this.options.PublicBaseUrl is { } baseUrl ? $"{baseUrl}/dashboard/rapporter" : null;
        var email = new ReportEmail(
            $"{MonthlyReport.FilePrefix}{month}@{this.mailer.Domain}",
            this.options.Recipients,
            MonthlyReportEmail.Subject(report),
            MonthlyReportEmail.Html(report, archiveUrl),
            MonthlyReportEmail.Text(report, archiveUrl),
            report.Charts.Select(c => (MonthlyReportEmail.ContentId(c.Id, month), c.Id + ".png", charts[c.Id])).ToList(),
            name,
            workbook);
        await this.mailer.SendAsync(email, cancellationToken);
        await this.archive.MarkSentAsync(month, new SentMarker(this.clock.GetUtcNow(), email.MessageId, email.To), cancellationToken);
        this.logger.MonthlyReportSent(month.ToString(), email.To.Count, this.archive.Location);
        return new MonthlyReportDelivery(month, MonthlyReportOutcome.Sent, name);
    }

    /// <summary>The report for any month that has begun (on demand: a current month is marked preliminary), and its workbook.</summary>
    internal (MonthlyReport Report, IReadOnlyDictionary<string, byte[]> Charts, byte[] Workbook) Produce(ReportMonth month)
    {
        var report = this.builder.Build(month);
        var charts = report.Charts.ToDictionary(c => c.Id, c => ChartRenderer.Png(c), StringComparer.Ordinal);
        return (report, charts, MonthlyReportWorkbook.Write(report, charts));
    }

    internal IReportArchive Archive => this.archive;
}
