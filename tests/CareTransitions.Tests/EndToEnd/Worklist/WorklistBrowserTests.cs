using System.Text;
using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Tests.EndToEnd.Handover;
using CareTransitions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Testing;

namespace CareTransitions.Tests.EndToEnd.Worklist;

/// <summary>
/// The coordinators' work list (/samordning) in real Chromium, signed in at a real OpenID provider, on both storage
/// providers: each coordinator sees only their municipality's transitions, on the page and in the CSV; the phone
/// acknowledgement, the resend and the avbrott reach the workflow and the audit log; the pages are accessible and the
/// list's self-refresh can be paused.
/// </summary>
public sealed class WorklistBrowserTests(HandoverFixture fixture) : IClassFixture<HandoverFixture>
{
    // units.json: 1480's coordination (utskrivningssamordning) and its vårdcentral.
    private const string CoordinationEmail = "utskrivning@goteborg.example.se";
    private const string PrimaryCareEmail = "vardcentral.goteborg@region.example.se";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_coordinator_sees_their_municipalitys_transitions_and_never_another_ones_on_the_page_or_in_the_CSV(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var (goteborgId, goteborgRef) = await this.StartAsync(service, "1480");
        var (sodertaljeId, sodertaljeRef) = await this.StartAsync(service, "0181");

        var goteborg = await SignedInAsync(service, OidcProvider.CoordinatorUser);
        Assert.Contains(goteborgRef, await References(goteborg), StringComparer.Ordinal);
        Assert.DoesNotContain(sodertaljeRef, await goteborg.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(await References(goteborg), await CsvReferences(goteborg, service, ""));
        await goteborg.GotoAsync($"{service.BaseUrl}/samordning?sok={Uri.EscapeDataString(goteborgRef)}");
        Assert.Equal([goteborgRef], await References(goteborg));
        Assert.Equal([goteborgRef], await CsvReferences(goteborg, service, $"?sok={Uri.EscapeDataString(goteborgRef)}"));
        await goteborg.GotoAsync($"{service.BaseUrl}/samordning?sok={Uri.EscapeDataString(sodertaljeRef)}");
        Assert.Empty(await References(goteborg));
        Assert.Empty(await CsvReferences(goteborg, service, $"?sok={Uri.EscapeDataString(sodertaljeRef)}"));
        var refused = await goteborg.GotoAsync($"{service.BaseUrl}/samordning/overgang/{sodertaljeId}");
        Assert.Equal(404, refused!.Status);
        Assert.DoesNotContain(sodertaljeRef, await goteborg.ContentAsync(), StringComparison.Ordinal);

        var sodertalje = await SignedInAsync(service, OidcProvider.OtherMunicipalityCoordinatorUser);
        Assert.Contains(sodertaljeRef, await References(sodertalje), StringComparer.Ordinal);
        Assert.DoesNotContain(goteborgRef, await sodertalje.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(await References(sodertalje), await CsvReferences(sodertalje, service, ""));
        Assert.DoesNotContain(goteborgRef, await CsvText(sodertalje, service, ""), StringComparison.Ordinal);
        Assert.Equal(404, (await sodertalje.GotoAsync($"{service.BaseUrl}/samordning/overgang/{goteborgId}"))!.Status);
        Assert.Equal(200, (await sodertalje.GotoAsync($"{service.BaseUrl}/samordning/overgang/{sodertaljeId}"))!.Status);
        Assert.Contains(sodertaljeRef, await sodertalje.InnerTextAsync("h1"), StringComparison.Ordinal);
        await goteborg.Context.CloseAsync();
        await sodertalje.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_list_and_a_transitions_page_are_accessible_at_390_and_1280_px_and_the_refresh_can_be_paused(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var (id, reference) = await this.StartAsync(service, "1480");
        var page = await fixture.NewPageAsync();
        await page.Clock.InstallAsync();
        var opened = DateTimeOffset.UtcNow;
        await page.GotoAsync($"{service.BaseUrl}/samordning");
        await SignInFixture.SignInAtProviderAsync(page, OidcProvider.CoordinatorUser);
        Assert.Equal($"{service.BaseUrl}/samordning", page.Url);
        Assert.Contains(reference, await References(page), StringComparer.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);

        // The script is a file the CSP runs ('self', no inline script), and it shows the pause button.
        var headers = await (await page.ReloadAsync())!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        var script = await page.Context.APIRequest.GetAsync($"{service.BaseUrl}/samordning/uppdatera.js");
        Assert.Equal(200, script.Status);
        Assert.StartsWith("text/javascript", script.Headers["content-type"], StringComparison.Ordinal);
        var pause = page.Locator("#paus");
        await Assertions.Expect(pause).ToBeVisibleAsync();
        await Assertions.Expect(pause).ToHaveAttributeAsync("aria-pressed", "false");

        // A minute on, it fetches the list again; paused, it does not.
        var fetches = 0;
        page.Request += (_, r) => fetches += r.Url.StartsWith($"{service.BaseUrl}/samordning", StringComparison.Ordinal) && r.ResourceType == "fetch" ? 1 : 0;
        await page.Clock.RunForAsync(61_000);
        await Eventually.TrueAsync(() => fetches == 1, "one refresh a minute on", TimeSpan.FromSeconds(10));
        await pause.ClickAsync();
        await Assertions.Expect(pause).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(pause).ToHaveTextAsync("Starta automatisk uppdatering");
        await page.Clock.RunForAsync(185_000);
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(1, fetches);
        await pause.ClickAsync();

        // Opened, reloaded and refreshed within a quarter of an hour: one row in the audit log, not one a minute.
        var listed = await this.ListedSinceAsync(service, opened);
        Assert.Single(listed, d => d.StartsWith("sida: ", StringComparison.Ordinal));

        await page.GotoAsync($"{service.BaseUrl}/samordning/overgang/{id}");
        Assert.Contains(reference, await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GotoAsync($"{service.BaseUrl}/samordning?lage=nagot");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_acknowledgement_by_phone_is_shown_audited_and_counted_via_telefon_after_discharge(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var episode = TestMessages.NewEpisode();
        var (id, reference) = await this.StartAsync(service, "1480", episode);
        var page = await SignedInAsync(service, OidcProvider.CoordinatorUser, $"/samordning/overgang/{id}");
        var reason = $"Enheten svarade i telefon {Guid.NewGuid():N}";

        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Group, new() { Name = "Kvittens per telefon från" }) }).First;
        await form.GetByLabel("Namn på den som tog över").FillAsync("Karin Kommun");
        await form.GetByLabel("Skäl").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrera kvittensen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kvittensen via telefon är registrerad");

        var status = await service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("acknowledgedVia").GetString() == "Phone"));
        var byPhone = ServiceHost.Units(status).Single(u => u.GetProperty("acknowledgedVia").GetString() == "Phone");
        Assert.Equal("1480-samordning", byPhone.GetProperty("unitId").GetString());
        Assert.Equal("Karin Kommun", byPhone.GetProperty("acknowledgedBy").GetString());
        await page.GotoAsync($"{service.BaseUrl}/samordning?sok={Uri.EscapeDataString(reference)}");
        Assert.Matches(@"kvitterad \d{4}-\d\d-\d\d \d\d:\d\d av Karin Kommun \(via telefon\)", await page.InnerTextAsync("#lista"));
        var audit = (await service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id)).Single(a => a.Action == AuditActions.AcknowledgedByPhone);
        Assert.Contains(OidcProvider.CoordinatorHsaId, audit.Actor, StringComparison.Ordinal);
        Assert.Equal("1480-samordning", audit.UnitId);
        Assert.Contains(reason, audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Karin Kommun", audit.Detail, StringComparison.Ordinal);

        // The other unit acknowledges through its link; after discharge the outcome and the statistics count the phone one.
        var phoneBefore = await this.PhoneAcknowledgementsAsync(service);
        foreach (var email in await fixture.Mail.WaitForAsync(m => m.Subject.EndsWith(reference, StringComparison.Ordinal) && m.To.Contains(PrimaryCareEmail, StringComparison.Ordinal) && m.AckLink.Length > 0, 1))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await ServiceHost.AcknowledgeAsync(email.AckLink, "Pia Primärvård")).Status);
        }
        await service.SubmitAsync(TestMessages.Create("Discharged", episode, needs: []));
        var client = service.Services.GetRequiredService<DurableTaskClient>();
        var outcome = (await Eventually.ReadAsync<Platform.Outcomes.TransitionOutcome?>(
            async () => await client.GetInstanceAsync(id, getInputsAndOutputs: true) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } done ? done.ReadOutputAs<Platform.Outcomes.TransitionOutcome>() : null,
            o => o is not null, "the completed transition's outcome"))!;
        Assert.Equal("Phone", outcome.Units.Single(u => u.UnitId == "1480-samordning").AcknowledgedVia);
        Assert.NotEqual("Phone", outcome.Units.Single(u => u.UnitId == "1480-vardcentral").AcknowledgedVia);
        await Eventually.ReadAsync<long>(() => this.PhoneAcknowledgementsAsync(service), n => n == phoneBefore + 1, "the statistics' phone count up by one");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_resent_link_works_the_old_one_is_refused_and_the_resend_is_audited(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var (id, reference) = await this.StartAsync(service, "1480");
        bool ToCoordination(ReceivedEmail m) => m.Subject.EndsWith(reference, StringComparison.Ordinal) && m.To.Contains(CoordinationEmail, StringComparison.Ordinal) && m.AckLink.Length > 0;
        var old = Assert.Single(await fixture.Mail.WaitForAsync(ToCoordination, 1));
        // Opened before the resend: its form must not acknowledge after it.
        using var stale = await AcknowledgementPage.OpenAsync(old.AckLink);
        var page = await SignedInAsync(service, OidcProvider.CoordinatorUser, $"/samordning/overgang/{id}");
        var reason = $"Enheten hittar inte mejlet {Guid.NewGuid():N}";

        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Group, new() { Name = "Skicka länken igen till" }) }).First;
        Assert.Contains("/skicka-igen", await form.GetAttributeAsync("action"), StringComparison.Ordinal);
        await form.GetByLabel("Skäl").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { Name = "Skicka länken igen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Den gamla länken fungerar inte längre");

        var emails = await fixture.Mail.WaitForAsync(ToCoordination, 2);
        var fresh = emails.Single(m => m.Id != old.Id);
        Assert.NotEqual(old.AckLink, fresh.AckLink);
        var oldPage = await fixture.NewPageAsync();
        var oldResponse = await oldPage.GotoAsync(old.AckLink);
        Assert.Equal(410, oldResponse!.Status);
        Assert.Equal("Länken är ersatt av en ny", await oldPage.InnerTextAsync("h1"));
        Assert.Contains("Använd länken i det senaste mejlet", await oldPage.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(reference, await oldPage.ContentAsync(), StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(oldPage);
        var (staleStatus, staleHtml) = await stale.SubmitAsync("Någon Annan");
        Assert.Equal(System.Net.HttpStatusCode.Gone, staleStatus);
        Assert.Contains("Länken är ersatt av en ny", staleHtml, StringComparison.Ordinal);
        var (status, html) = await ServiceHost.AcknowledgeAsync(fresh.AckLink, "Karin Kommun");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains(reference, html, StringComparison.Ordinal);
        await service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("unitId").GetString() == "1480-samordning" && u.GetProperty("acknowledgedBy").GetString() == "Karin Kommun"));

        var audit = (await service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id)).Single(a => a.Action == AuditActions.LinkResent);
        Assert.Contains(OidcProvider.CoordinatorHsaId, audit.Actor, StringComparison.Ordinal);
        Assert.Equal("1480-samordning", audit.UnitId);
        Assert.Contains(reason, audit.Detail, StringComparison.Ordinal);
        await page.Context.CloseAsync();
        await oldPage.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_wards_coordinator_withdraws_the_readiness_and_the_status_shows_it(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var (id, reference) = await this.StartAsync(service, "1480");

        // The municipality's coordinator is not the ward: no avbrott offered.
        var municipality = await SignedInAsync(service, OidcProvider.CoordinatorUser, $"/samordning/overgang/{id}");
        Assert.Equal(0, await municipality.GetByRole(AriaRole.Button, new() { Name = "Gör avbrott" }).CountAsync());
        await municipality.Context.CloseAsync();

        // The list read once before the change: what it serves afterwards must be the changed status, not what it read then.
        var list = $"/samordning?sok={Uri.EscapeDataString(reference)}";
        var page = await SignedInAsync(service, OidcProvider.WardCoordinatorUser, list);
        Assert.Equal([reference], await References(page));
        var phaseBefore = await page.InnerTextAsync("#lista");
        await page.GotoAsync($"{service.BaseUrl}/samordning/overgang/{id}");
        var reason = $"Patienten fick feber {Guid.NewGuid():N}";
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Group, new() { Name = "Gör avbrott för avdelningens räkning" }) });
        await form.GetByLabel("Skäl").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { Name = "Gör avbrott" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Avbrottet är gjort");

        var status = await service.WaitForAsync(id, t => t.GetProperty("status").GetProperty("phase").GetString() == "Withdrawn");
        Assert.Equal(1, status.GetProperty("status").GetProperty("deadlines").GetProperty("withdrawalCount").GetInt32());
        var audit = (await service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id)).Single(a => a.Action == AuditActions.WithdrawnForWard);
        Assert.Contains(OidcProvider.WardCoordinatorHsaId, audit.Actor, StringComparison.Ordinal);
        Assert.Contains(reason, audit.Detail, StringComparison.Ordinal);
        await page.ReloadAsync();
        Assert.Contains("Avbrott", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.GotoAsync($"{service.BaseUrl}{list}");
        Assert.DoesNotContain("Avbrott", phaseBefore, StringComparison.Ordinal);
        Assert.Contains("Avbrott", await page.InnerTextAsync("#lista"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<(string Id, string Reference)> StartAsync(ServiceHost service, string municipality, string? episode = null)
    {
        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode ?? TestMessages.NewEpisode(), municipality, needs: []));
        var transition = await service.WaitForAsync(id, t => ServiceHost.Units(t).Any() && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        return (id, transition.GetProperty("status").GetProperty("reference").GetString()!);
    }

    private async Task<IPage> SignedInAsync(ServiceHost service, string user, string path = "/samordning")
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{service.BaseUrl}{path}");
        await SignInFixture.SignInAtProviderAsync(page, user);
        Assert.Equal($"{service.BaseUrl}{path}", page.Url);
        return page;
    }

    private static async Task<IReadOnlyList<string>> References(IPage page) =>
        [.. (await page.Locator("#lista tbody th[scope=row]").AllInnerTextsAsync()).Select(t => t.Trim())];

    private static async Task<string> CsvText(IPage page, ServiceHost service, string query)
    {
        var response = await page.Context.APIRequest.GetAsync($"{service.BaseUrl}/samordning/lista.csv{query}");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var bytes = await response.BodyAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    // The first column is the reference; none of the fields before it can hold a semicolon or a quote.
    private static async Task<IReadOnlyList<string>> CsvReferences(IPage page, ServiceHost service, string query)
    {
        var lines = (await CsvText(page, service, query)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Referens;", lines[0], StringComparison.Ordinal);
        return [.. lines.Skip(1).Select(l => l.Split(';')[0])];
    }

    // The dashboard's "Kvitterade via telefon" counts what /api/statistics calls acknowledgedByPhone, signed in as the steering group.
    private async Task<long> PhoneAcknowledgementsAsync(ServiceHost service)
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{service.BaseUrl}/dashboard");
            await SignInFixture.SignInAtProviderAsync(page, OidcProvider.SteeringGroupUser);
            Assert.Contains("Kvitterade via telefon", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            var response = await page.Context.APIRequest.GetAsync($"{service.BaseUrl}/api/statistics");
            Assert.Equal(200, response.Status);
            var report = await response.JsonAsync();
            return report!.Value.GetProperty("acknowledgements").EnumerateArray().Sum(a => a.GetProperty("acknowledgedByPhone").GetInt64());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The work-list listings the coordinator's audit rows hold since <paramref name="since"/> (their details).</summary>
    private async Task<IReadOnlyList<string>> ListedSinceAsync(ServiceHost service, DateTimeOffset since)
    {
        await using var connection = await service.Services.GetRequiredService<CareTransitions.Storage.AppDatabase>().OpenAsync(CancellationToken.None);
        var rows = await CareTransitions.Storage.SqlExtensions.QueryAsync(
            connection, "SELECT at, actor, detail FROM audit_log WHERE action = @Action", new { Action = AuditActions.WorklistListed },
            r => (At: CareTransitions.Storage.SqlExtensions.GetTime(r, 0), Actor: r.GetString(1), Detail: r.IsDBNull(2) ? "" : r.GetString(2)), CancellationToken.None);
        return [.. rows.Where(r => r.At >= since.AddSeconds(-1) && r.Actor.Contains(OidcProvider.CoordinatorHsaId, StringComparison.Ordinal)).Select(r => r.Detail)];
    }
}
