using System.Net;
using System.Text;
using CareTransitions.AccessLogging;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// The coordinators' access log (/samordning/atkomstlogg) in real Chromium, signed in at a real OpenID provider: a
/// coordinator searches and exports it, each use lands in the log under their HSA-id and unit from the ID token, and
/// nobody else gets in.
/// </summary>
public sealed class AccessLogBrowserTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    private string Service => fixture.Service.BaseUrl;

    private AccessLog Log => fixture.Service.Services.GetRequiredService<AccessLog>();

    /// <summary>Two views of one new transition and one of another, under a reference of their own.</summary>
    private async Task<(string Reference, string Transition)> SeedAsync()
    {
        var reference = "VÖ-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var transition = "ct-" + Guid.NewGuid().ToString("N");
        await this.Log.RecordAsync(new AccessLogEntry(OidcProvider.NurseHsaId, "Nina Sjuksköterska", OidcProvider.NurseUnitHsaId, transition, reference, "patientuppgifter, planering, samtal", AccessOutcome.Shown));
        await this.Log.RecordAsync(new AccessLogEntry(OidcProvider.UnauthorisedHsaId, "Olle Obehörig", null, transition, reference, "patientuppgifter", AccessOutcome.Refused));
        await this.Log.RecordAsync(new AccessLogEntry(OidcProvider.NurseHsaId, "Nina Sjuksköterska", OidcProvider.NurseUnitHsaId, "ct-" + Guid.NewGuid().ToString("N"), "VÖ-ANNAN", "planering", AccessOutcome.Shown));
        return (reference, transition);
    }

    private async Task<IPage> SignedInCoordinatorAsync()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{this.Service}{AccessLogEndpoints.PagePath}");
        await SignInFixture.SignInAtProviderAsync(page, OidcProvider.CoordinatorUser);
        Assert.Equal($"{this.Service}{AccessLogEndpoints.PagePath}", page.Url);
        return page;
    }

    [Fact]
    public async Task A_coordinator_searches_by_reference_finds_its_rows_newest_first_and_the_search_is_logged()
    {
        var (reference, transition) = await this.SeedAsync();
        var page = await this.SignedInCoordinatorAsync();

        await page.GetByLabel("Referens eller övergångens id").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        var rows = await page.Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Olle Obehörig", rows[0], StringComparison.Ordinal);
        Assert.Contains("nekad", rows[0], StringComparison.Ordinal);
        Assert.Contains("Nina Sjuksköterska", rows[1], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Contains(transition, r, StringComparison.Ordinal));
        Assert.Equal(8, await page.Locator("thead th[scope=col]").CountAsync());

        // The search itself, under the coordinator's HSA-id and unit as the ID token gave them.
        var searches = await this.Log.SearchAsync(new AccessLogQuery(PersonHsaId: OidcProvider.CoordinatorHsaId, Outcome: AccessOutcome.Search), 50);
        var own = Assert.Single(searches, s => s.Entry.What == $"övergång={reference}");
        Assert.Equal(("Sam Samordnare", OidcProvider.CoordinatorUnitHsaId), (own.Entry.PersonName, own.Entry.UnitHsaId));

        // The page meets WCAG 2.1 AA on a phone and on a desktop, results and all; only the table's own region scrolls sideways.
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_coordinator_exports_the_search_as_CSV_for_Swedish_Excel_and_the_export_is_logged()
    {
        var (reference, transition) = await this.SeedAsync();
        var page = await this.SignedInCoordinatorAsync();
        await page.GetByLabel("Referens eller övergångens id").FillAsync(transition);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Exportera CSV" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        await page.Context.CloseAsync();

        Assert.Matches(@"^atkomstlogg-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Tid;Personens HSA-id;Namn;Enhetens HSA-id;Övergång;Referens;Vad;Utfall", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.All(lines[1..], l => Assert.Contains($";{transition};{reference};", l, StringComparison.Ordinal));
        Assert.EndsWith(";Olle Obehörig;;" + transition + ";" + reference + ";patientuppgifter;nekad", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(";patientuppgifter, planering, samtal;visad", lines[2], StringComparison.Ordinal);

        var exports = await this.Log.SearchAsync(new AccessLogQuery(PersonHsaId: OidcProvider.CoordinatorHsaId, Outcome: AccessOutcome.Export), 50);
        Assert.Contains(exports, e => e.Entry.What == $"övergång={transition}");
    }

    [Fact]
    public async Task A_bad_date_gets_the_page_again_with_a_Swedish_error_naming_the_field_and_status_400()
    {
        var page = await this.SignedInCoordinatorAsync();

        var answer = await page.GotoAsync($"{this.Service}{AccessLogEndpoints.PagePath}?fran=2026-13-45&person=SE2321000131-P000000000004");

        Assert.Equal(400, answer!.Status);
        Assert.Contains("Från och med: skriv datumet som ÅÅÅÅ-MM-DD", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetByLabel("Från och med").GetAttributeAsync("aria-invalid"));
        Assert.Equal("SE2321000131-P000000000004", await page.GetByLabel("Personens HSA-id").InputValueAsync());
        var csv = await page.GotoAsync($"{this.Service}{AccessLogEndpoints.CsvPath}?utfall=raderad");
        Assert.Equal(400, csv!.Status);
        Assert.Contains("Utfall:", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_nurse_without_the_coordinator_role_gets_the_Swedish_403_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{this.Service}{AccessLogEndpoints.PagePath}");
        await SignInFixture.SignInAtProviderAsync(page, OidcProvider.NurseUser);

        var answer = await page.GotoAsync($"{this.Service}{AccessLogEndpoints.PagePath}");
        var csv = await page.Context.APIRequest.GetAsync($"{this.Service}{AccessLogEndpoints.CsvPath}");

        Assert.Equal(403, answer!.Status);
        Assert.Equal("Behörighet saknas", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Equal(403, csv.Status);
        await csv.DisposeAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(AccessLogEndpoints.PagePath)]
    [InlineData(AccessLogEndpoints.CsvPath)]
    public async Task The_coordinators_API_key_does_not_open_the_access_log(string path)
    {
        // The same key opens the coordinators' API here (Intake:ApiKeyOpensCoordinatorApi=true), so it is a coordinator's key.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(this.Service) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", ServiceHost.ApiKey);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Tid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
