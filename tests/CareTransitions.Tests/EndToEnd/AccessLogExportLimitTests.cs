using System.Net;
using CareTransitions.AccessLogging;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>An access-log export that would exceed AccessLog:MaxExportRows gives no file, cut short or otherwise, but the page asking to narrow.</summary>
public sealed class AccessLogExportLimitTests
{
    [Fact]
    public async Task An_export_over_the_limit_asks_to_narrow_the_dates_and_one_within_it_is_whole()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, [.. provider.ServiceSettings, "--AccessLog:MaxExportRows=3"]);
        var log = service.Services.GetRequiredService<AccessLog>();
        var reference = "VÖ-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        for (var i = 0; i < 3; i++)
        {
            await log.RecordAsync(new AccessLogEntry(OidcProvider.NurseHsaId, "Nina Sjuksköterska", OidcProvider.NurseUnitHsaId, "ct-x", reference, "patientuppgifter", AccessOutcome.Shown));
        }

        using var coordinator = await OidcProvider.SignedInClientAsync(service.BaseUrl, OidcProvider.CoordinatorUser);
        using var whole = await coordinator.GetAsync($"{AccessLogEndpoints.CsvPath}?overgang={Uri.EscapeDataString(reference)}");
        var csv = await whole.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(3, csv.Split('\n').Count(l => l.Contains(reference, StringComparison.Ordinal)));

        // Everything: the three rows and the export just made, more than the limit.
        using var tooMany = await coordinator.GetAsync(AccessLogEndpoints.CsvPath);
        var page = await tooMany.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.StartsWith("text/html", tooMany.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sökningen ger fler än 3 rader", page, StringComparison.Ordinal);
        Assert.Contains("Välj ett kortare datumintervall", page, StringComparison.Ordinal);
        var exports = await log.SearchAsync(new AccessLogQuery(PersonHsaId: OidcProvider.CoordinatorHsaId, Outcome: AccessOutcome.Export), 10);
        Assert.Equal(2, exports.Count);
    }
}
