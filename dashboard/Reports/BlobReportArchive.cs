using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Dashboard.Reports;

/// <summary>The archive in an Azure Blob Storage container (Azurite in tests), created on first use.</summary>
internal sealed class BlobReportArchive(BlobContainerClient container) : IReportArchive
{
    private const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private volatile bool created;

    public string Location => $"Azure Blob Storage {container.Uri}";

    public async Task<bool> SaveIfAbsentAsync(ReportMonth month, byte[] workbook, CancellationToken cancellationToken)
    {
        await this.EnsureContainerAsync(cancellationToken);
        try
        {
            // IMPORTANT: If-None-Match: * makes the write fail when the blob exists, so two writers cannot both win.
            await container.GetBlobClient(ArchiveNames.Workbook(month)).UploadAsync(
                new BinaryData(workbook),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = WorkbookType },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<byte[]?> ReadAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        await this.EnsureContainerAsync(cancellationToken);
        try
        {
            var content = await container.GetBlobClient(ArchiveNames.Workbook(month)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ArchivedReport>> ListAsync(CancellationToken cancellationToken)
    {
        await this.EnsureContainerAsync(cancellationToken);
        var workbooks = new List<(ReportMonth Month, BlobItem Blob)>();
        var sent = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = MonthlyReport.FilePrefix }, cancellationToken))
        {
            if (ArchiveNames.MonthOfWorkbook(blob.Name) is { } month)
            {
                workbooks.Add((month, blob));
            }
            else if (blob.Name.EndsWith(ArchiveNames.SentSuffix, StringComparison.Ordinal))
            {
                sent.Add(blob.Name);
            }
        }
        var reports = new List<ArchivedReport>();
        foreach (var (month, blob) in workbooks.OrderByDescending(w => w.Month.FirstDay))
        {
            var marker = sent.Contains(ArchiveNames.Sent(month)) ? await this.GetSentAsync(month, cancellationToken) : null;
            reports.Add(new ArchivedReport(month, blob.Name, blob.Properties.ContentLength ?? 0,
                blob.Properties.CreatedOn ?? blob.Properties.LastModified ?? DateTimeOffset.MinValue, marker?.SentAt));
        }
        return reports;
    }

    public async Task<SentMarker?> GetSentAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        await this.EnsureContainerAsync(cancellationToken);
        try
        {
            var content = await container.GetBlobClient(ArchiveNames.Sent(month)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<SentMarker>(ArchiveNames.Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    // Not cached when it fails: storage that was away at the first call is tried again at the next.
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!this.created)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            this.created = true;
        }
    }

    public async Task MarkSentAsync(ReportMonth month, SentMarker marker, CancellationToken cancellationToken)
    {
        await this.EnsureContainerAsync(cancellationToken);
        await container.GetBlobClient(ArchiveNames.Sent(month)).UploadAsync(
            new BinaryData(JsonSerializer.SerializeToUtf8Bytes(marker, ArchiveNames.Json)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }
}
