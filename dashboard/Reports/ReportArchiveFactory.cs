using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Dashboard.Reports;

/// <summary>
/// Picks the archive from <see cref="ReportOptions"/>: a connection string (Azurite, or an account with keys), else the
/// blob endpoint with a managed identity's token (Azure), else the local folder.
/// </summary>
internal static class ReportArchiveFactory
{
    /// <param name="options">The <c>Reports</c> settings.</param>
    /// <param name="logger">Told when both a connection string and a blob endpoint are set.</param>
    /// <param name="credential">Tests give their own; null means the managed identity (see <see cref="DefaultCredential"/>).</param>
    /// <param name="clientOptions">Tests give a transport that trusts their emulator's certificate; null means the SDK's defaults.</param>
    public static IReportArchive Create(ReportOptions options, ILogger logger, TokenCredential? credential = null, BlobClientOptions? clientOptions = null)
    {
        if (options.BlobConnectionString is { } connection)
        {
            if (options.BlobServiceUri is not null)
            {
                logger.LogWarning("Reports:BlobConnectionString and Reports:BlobServiceUri are both set: the connection string is used. Remove one of them.");
            }
            return new BlobReportArchive(new BlobContainerClient(connection, options.BlobContainer, clientOptions));
        }
        if (options.BlobServiceUri is { } endpoint)
        {
            var service = new BlobServiceClient(endpoint, credential ?? DefaultCredential(options), clientOptions);
            return new BlobReportArchive(service.GetBlobContainerClient(options.BlobContainer));
        }
        return new FolderReportArchive(options.LocalDirectory);
    }

    // A named user-assigned identity goes straight to the managed identity endpoint; without one, DefaultAzureCredential
    // also serves a developer signed in with az login (and honours AZURE_CLIENT_ID in Azure).
    private static TokenCredential DefaultCredential(ReportOptions options) => options.ManagedIdentityClientId is { } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new DefaultAzureCredential();
}
