namespace Dashboard.Reports;

/// <summary>A report kept in the archive.</summary>
internal sealed record ArchivedReport(ReportMonth Month, string Name, long Size, DateTimeOffset ArchivedAt, DateTimeOffset? SentAt);

/// <summary>That a month's report has gone out, and to whom: what makes sending it again a no-op.</summary>
internal sealed record SentMarker(DateTimeOffset SentAt, string MessageId, IReadOnlyList<string> Recipients);

/// <summary>
/// Where every report is kept (rapportarkiv): Azure Blob Storage in production (Azurite in tests), a local
/// folder when no blob storage is configured. Per month it holds the workbook and, once the email has gone,
/// a sent marker beside it.
/// </summary>
/// <remarks>
/// IMPORTANT: a workbook is written only if the month has none yet, and never replaced: the archived file is
/// the one the steering group was sent, whatever the statistics say later.
/// </remarks>
internal interface IReportArchive
{
    /// <summary>Where the archive is, for the log and the reports page.</summary>
    string Location { get; }

    /// <summary>Stores the month's workbook unless it has one; false (and nothing written) when it had.</summary>
    Task<bool> SaveIfAbsentAsync(ReportMonth month, byte[] workbook, CancellationToken cancellationToken);

    Task<byte[]?> ReadAsync(ReportMonth month, CancellationToken cancellationToken);

    /// <summary>Every archived report, newest month first.</summary>
    Task<IReadOnlyList<ArchivedReport>> ListAsync(CancellationToken cancellationToken);

    Task<SentMarker?> GetSentAsync(ReportMonth month, CancellationToken cancellationToken);

    Task MarkSentAsync(ReportMonth month, SentMarker marker, CancellationToken cancellationToken);
}

/// <summary>The names both archives use, so a folder can be copied into a container and back.</summary>
internal static class ArchiveNames
{
    public const string SentSuffix = ".sent.json";

    public static string Workbook(ReportMonth month) => MonthlyReport.FileNameOf(month);

    public static string Sent(ReportMonth month) => $"{MonthlyReport.FilePrefix}{month}{SentSuffix}";

    /// <summary>The month a workbook's name is for, or null for any other name.</summary>
    public static ReportMonth? MonthOfWorkbook(string name) =>
        name.StartsWith(MonthlyReport.FilePrefix, StringComparison.Ordinal) && name.EndsWith(".xlsx", StringComparison.Ordinal)
            && ReportMonth.TryParse(name[MonthlyReport.FilePrefix.Length..^".xlsx".Length], out var month)
            ? month
            : null;

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
