using CultureInfo = System.Globalization.CultureInfo;
using System.Text.Json;
using CareTransitions.AccessLogging;
using CareTransitions.Tests.Infrastructure;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace CareTransitions.Tests.EndToEnd.Handover;

/// <summary>
/// The SIP call on the handover page in real Chromium, on both storage providers: the vårdcentral's nurse calls, moves and
/// cancels the meeting; a participant answers through the emailed link and the answer shows on the page; the invitations
/// are one calendar event (Ical.Net); a nurse of another involved unit sees the meeting but cannot call it.
/// </summary>
public sealed class HandoverSipTests(HandoverFixture fixture) : IClassFixture<HandoverFixture>
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_primary_care_nurse_calls_moves_and_cancels_the_SIP_meeting_and_sees_a_declined_answer_on_the_handover_page(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var id = await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeHealthCare"]), "Planering"));
        var transition = await service.WaitForAsync(id, t => ServiceHost.Units(t).Count() == 3 && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        var reference = transition.GetProperty("reference").GetString()!;
        var day = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The vårdcentral's nurse calls the meeting with every unit ticked.
        var caller = await fixture.NewPageAsync();
        await caller.GotoAsync($"{service.BaseUrl}/overlamning/{id}");
        await SignInFixture.SignInAtProviderAsync(caller, OidcProvider.PrimaryCareUser);
        Assert.Contains("Inget SIP-möte är kallat ännu.", await caller.InnerTextAsync("section:has(#sip)"), StringComparison.Ordinal);
        await caller.GetByLabel("Datum").FillAsync(day);
        await caller.GetByLabel("Starttid").FillAsync("09:30");
        await caller.GetByLabel("Plats", new() { Exact = true }).FillAsync("Vårdcentralen, rum 3");
        await caller.GetByLabel("Patientens namn").FillAsync("Tolvan Tolvansson");
        await caller.GetByLabel("Närstående som deltar").FillAsync("Anna Tolvansson");
        await caller.GetByRole(AriaRole.Button, new() { Name = "Kalla till SIP-möte" }).ClickAsync();
        await Assertions.Expect(caller.GetByRole(AriaRole.Status)).ToContainTextAsync("SIP-mötet är kallat");
        var section = await caller.InnerTextAsync("section:has(#sip)");
        Assert.Contains("kl. 09:30–10:30", section, StringComparison.Ordinal);
        Assert.Contains("Vårdcentralen, rum 3", section, StringComparison.Ordinal);
        Assert.Contains("Anna Tolvansson", section, StringComparison.Ordinal);

        var invitations = await this.InvitationsAsync(reference, "Kallelse till SIP-möte");
        var uid = invitations[0].Calendar.Events.Single().Uid;
        Assert.All(invitations, i => Assert.Equal(("REQUEST", 0, uid), (i.Calendar.Method, i.Calendar.Events.Single().Sequence, i.Calendar.Events.Single().Uid)));

        // Home health care declines through its emailed link, on an accessible page.
        var comment = $"Vi har inget pass då, föreslår eftermiddagen. /{Guid.NewGuid():N}";
        var participant = await fixture.NewPageAsync();
        await participant.GotoAsync(invitations.Single(i => i.To.Contains("hemsjukvard", StringComparison.Ordinal)).AnswerLink);
        await PageChecks.AssertAccessibleAsync(participant);
        await participant.GetByLabel("Nej, vi kan inte komma").CheckAsync();
        await participant.GetByLabel("Kommentar (krävs om ni inte kan komma)").FillAsync(comment);
        await participant.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).ClickAsync();
        Assert.Equal("Tack för ert svar", await participant.InnerTextAsync("h1"));
        await PageChecks.AssertAccessibleAsync(participant);

        await caller.GotoAsync($"{service.BaseUrl}/overlamning/{id}");
        var answers = await caller.InnerTextAsync("section:has(#sip) ul.kort");
        Assert.Contains("Kommer inte", answers, StringComparison.Ordinal);
        Assert.Contains(comment, answers, StringComparison.Ordinal);
        Assert.Contains("Inget svar ännu", answers, StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(caller);

        // The home health care nurse sees the meeting and the answer, without the form; her post with a valid token is a 403.
        var other = await fixture.NewPageAsync();
        await other.GotoAsync($"{service.BaseUrl}/overlamning/{id}");
        await SignInFixture.SignInAtProviderAsync(other, OidcProvider.NurseUser);
        Assert.Contains(comment, await other.InnerTextAsync("section:has(#sip)"), StringComparison.Ordinal);
        Assert.Equal(0, await other.GetByRole(AriaRole.Button, new() { Name = "Flytta" }).CountAsync());
        Assert.Equal(0, await other.GetByRole(AriaRole.Button, new() { Name = "Ställ in" }).CountAsync());
        var token = other.Locator("form[action$='/meddelanden'] input[type=hidden]");
        var form = other.Context.APIRequest.CreateFormData()
            .Set(await token.GetAttributeAsync("name") ?? "", await token.GetAttributeAsync("value") ?? "")
            .Set("datum", day).Set("start", "13:00").Set("plats", "Hemma").Set("enheter", "1480-hemsjukvard");
        var refused = await other.Context.APIRequest.PostAsync($"{service.BaseUrl}/overlamning/{id}/sip", new() { Form = form });
        Assert.Equal(403, refused.Status);
        var cancelRefused = await other.Context.APIRequest.PostAsync($"{service.BaseUrl}/overlamning/{id}/sip/installt", new() { Form = form.Set("bekrafta", "ja") });
        Assert.Equal(403, cancelRefused.Status);

        // Moved: the same event, SEQUENCE 1; the earlier answer belonged to the old time.
        await caller.GetByLabel("Starttid").FillAsync("13:00");
        await caller.GetByRole(AriaRole.Button, new() { Name = "Flytta" }).ClickAsync();
        await Assertions.Expect(caller.GetByRole(AriaRole.Status)).ToContainTextAsync("SIP-mötet är flyttat");
        Assert.Contains("kl. 13:00–14:00", await caller.InnerTextAsync("section:has(#sip)"), StringComparison.Ordinal);
        var moved = await this.InvitationsAsync(reference, "Ändrad tid för SIP-möte");
        Assert.All(moved, i => Assert.Equal(("REQUEST", 1, uid), (i.Calendar.Method, i.Calendar.Events.Single().Sequence, i.Calendar.Events.Single().Uid)));

        // A cancellation reaches every calendar and cannot be undone: without the confirmation box ticked, nothing happens.
        await caller.GetByRole(AriaRole.Button, new() { Name = "Ställ in" }).ClickAsync();
        await Assertions.Expect(caller.Locator("#sip-fel")).ToContainTextAsync("Mötet är inte inställt");
        Assert.Contains("kl. 13:00–14:00", await caller.InnerTextAsync("section:has(#sip)"), StringComparison.Ordinal);
        Assert.Equal(1, await caller.GetByRole(AriaRole.Button, new() { Name = "Ställ in" }).CountAsync());
        await PageChecks.AssertAccessibleAsync(caller);

        // Cancelled: METHOD:CANCEL, SEQUENCE 2, and the page says so.
        await caller.GetByLabel("Ja, ställ in mötet").CheckAsync();
        await caller.GetByRole(AriaRole.Button, new() { Name = "Ställ in" }).ClickAsync();
        await Assertions.Expect(caller.GetByRole(AriaRole.Status)).ToContainTextAsync("SIP-mötet är inställt");
        Assert.Contains("är inställt", await caller.InnerTextAsync("section:has(#sip)"), StringComparison.Ordinal);
        var cancelled = await this.InvitationsAsync(reference, "Inställt SIP-möte");
        Assert.All(cancelled, i => Assert.Equal(("CANCEL", 2, uid), (i.Calendar.Method, i.Calendar.Events.Single().Sequence, i.Calendar.Events.Single().Uid)));

        // The access log holds each action under the caller, and the refused attempts (a meeting stood: a move) under the other nurse.
        var rows = await service.Services.GetRequiredService<AccessLog>().SearchAsync(new AccessLogQuery(TransitionOrReference: id), 200);
        var callers = rows.Where(r => r.Entry.PersonHsaId == OidcProvider.PrimaryCareHsaId).ToList();
        Assert.All(callers, r => Assert.Equal(OidcProvider.PrimaryCareUnitHsaId, r.Entry.UnitHsaId));
        foreach (var what in new[] { "SIP: kallade", "SIP: flyttade", "SIP: ställde in" })
        {
            Assert.Single(callers, r => r.Entry.What == what && r.Entry.Outcome == AccessOutcome.Shown);
        }

        Assert.Contains(rows, r => r.Entry.PersonHsaId == OidcProvider.NurseHsaId && r.Entry.What == "försök: SIP: flyttade" && r.Entry.Outcome == AccessOutcome.Refused);
        Assert.Contains(rows, r => r.Entry.PersonHsaId == OidcProvider.NurseHsaId && r.Entry.What == "försök: SIP: ställde in" && r.Entry.Outcome == AccessOutcome.Refused);
        await caller.Context.CloseAsync();
        await participant.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    private async Task<IReadOnlyList<(Calendar Calendar, string AnswerLink, string To)>> InvitationsAsync(string reference, string subject)
    {
        var emails = await fixture.Mail.WaitForAsync(e => e.Subject == $"{subject} – {reference}", 3);
        var result = new List<(Calendar, string, string)>();
        foreach (var email in emails)
        {
            var source = await fixture.Mail.SourceAsync(email.Id);
            Assert.DoesNotContain("Tolvan", System.Text.Encoding.UTF8.GetString(source), StringComparison.Ordinal);
            using var message = await MimeMessage.LoadAsync(new MemoryStream(source));
            var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content);
            var link = System.Text.RegularExpressions.Regex.Match(email.Text, @"https?://[^\s]+/sip/[A-Za-z0-9_-]+").Value;
            result.Add((Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!, link, email.To));
        }

        return result;
    }
}
