using System.Text.Json;

namespace Dashboard.Reports;

/// <summary>The archive as a local folder (<c>reports</c> beside statistics.db), when no blob storage is configured.</summary>
internal sealed class FolderReportArchive(string directory) : IReportArchive
{
    public string Location => Path.GetFullPath(directory);

    public async Task<bool> SaveIfAbsentAsync(ReportMonth month, byte[] workbook, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ArchiveNames.Workbook(month));
        if (File.Exists(path))
        {
            return false;
        }
        // Written beside and moved into place, so a crash never leaves half a workbook under the real name.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, workbook, cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    public async Task<byte[]?> ReadAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ArchiveNames.Workbook(month));
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<ArchivedReport>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var reports = new List<ArchivedReport>();
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles($"{MonthlyReport.FilePrefix}*.xlsx"))
        {
            if (ArchiveNames.MonthOfWorkbook(file.Name) is { } month)
            {
                var sent = await this.GetSentAsync(month, cancellationToken);
                reports.Add(new ArchivedReport(month, file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), sent?.SentAt));
            }
        }
        return reports.OrderByDescending(r => r.Month.FirstDay).ToList();
    }

    public async Task<SentMarker?> GetSentAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ArchiveNames.Sent(month));
        if (!File.Exists(path))
        {
            return null;
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SentMarker>(stream, ArchiveNames.Json, cancellationToken);
    }

    public async Task MarkSentAsync(ReportMonth month, SentMarker marker, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ArchiveNames.Sent(month));
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(marker, ArchiveNames.Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
