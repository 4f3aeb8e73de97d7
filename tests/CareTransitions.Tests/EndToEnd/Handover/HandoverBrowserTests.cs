using System.Text.Json;
using CareTransitions.AccessLogging;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareTransitions.Tests.EndToEnd.Handover;

/// <summary>
/// The handover workspace in real Chromium, signed in at a real OpenID provider with HSA claims, on both storage
/// providers: the receiving unit's nurse and the ward's staff see the patient and the plan and talk; anyone else gets a
/// Swedish 403 and no data; every view and refusal is in the access log; no personal data in any email, link, log line,
/// span or in the durable history.
/// </summary>
public sealed class HandoverBrowserTests(HandoverFixture fixture) : IClassFixture<HandoverFixture>
{
    private const string PersonnummerDigits = "191212121212";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_receiving_nurse_and_the_ward_see_the_patient_and_the_plan_and_talk_in_two_browsers(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var notes = $"Planering {Guid.NewGuid():N}: hemgång med hemtjänst morgon och kväll.";
        var episode = TestMessages.NewEpisode();
        var id = await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare"]), notes));
        var transition = await service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        var reference = transition.GetProperty("status").GetProperty("reference").GetString()!;
        Assert.Matches("^VÖ-[2-9A-HJ-NP-Z]{4,}$", reference);
        Assert.Equal(reference, transition.GetProperty("reference").GetString());

        // The unit's email: the reference in subject and body, the links, nothing about the patient.
        var email = (await fixture.Mail.WaitForAsync(m => m.Subject.EndsWith(reference, StringComparison.Ordinal) && m.To.Contains("hemsjukvard", StringComparison.Ordinal), 1)).Single();
        Assert.Contains($"Referens: {reference}", email.Text, StringComparison.Ordinal);
        Assert.Contains($"{service.BaseUrl}/overlamning/{id}", email.Text, StringComparison.Ordinal);
        AssertNoPersonalData(email.Subject + email.Text + email.Html, notes);

        // The nurse follows the link: the acknowledgement page shows the reference, not the patient, and offers sign-in.
        var nurse = await fixture.NewPageAsync();
        await nurse.GotoAsync(email.AckLink);
        Assert.Contains(reference, await nurse.InnerTextAsync("h1"), StringComparison.Ordinal);
        AssertNoPersonalData(await nurse.ContentAsync(), notes);
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Logga in för att se patientuppgifter" }).ClickAsync();
        await SignInFixture.SignInAtProviderAsync(nurse, OidcProvider.NurseUser);
        Assert.Equal($"{service.BaseUrl}/overlamning/{id}", nurse.Url);
        var seen = await nurse.InnerTextAsync("main");
        Assert.Contains(TestMessages.TestPatientName, seen, StringComparison.Ordinal);
        Assert.Contains("19121212-1212", seen, StringComparison.Ordinal);
        Assert.Contains(notes, seen, StringComparison.Ordinal);
        Assert.Contains("010-123 45 99", seen, StringComparison.Ordinal);
        Assert.Contains("Rollator", seen, StringComparison.Ordinal);
        Assert.Contains("Förskrivet", seen, StringComparison.Ordinal);
        Assert.Contains("Gångträning", seen, StringComparison.Ordinal);
        Assert.Contains("Tolva Tolvansson", seen, StringComparison.Ordinal);
        Assert.Contains("no-store", (await nurse.ReloadAsync())!.Headers["cache-control"], StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(nurse);

        // The ward, in another browser, sees the same and writes; the nurse reads it and answers.
        var ward = await fixture.NewPageAsync();
        await ward.GotoAsync($"{service.BaseUrl}/overlamning/{id}");
        await SignInFixture.SignInAtProviderAsync(ward, OidcProvider.WardUser);
        Assert.Contains(TestMessages.TestPatientName, await ward.InnerTextAsync("main"), StringComparison.Ordinal);
        var fromWard = $"Hej! Patienten behöver hjälp med insulin kl 08. /{Guid.NewGuid():N}";
        await ward.GetByLabel("Nytt meddelande").FillAsync(fromWard);
        await ward.GetByRole(AriaRole.Button, new() { Name = "Skicka" }).ClickAsync();
        await Assertions.Expect(ward.GetByRole(AriaRole.Status)).ToContainTextAsync("Meddelandet är skickat");

        await nurse.ReloadAsync();
        Assert.Contains(fromWard, await nurse.InnerTextAsync("#samtal + ol"), StringComparison.Ordinal);
        var fromNurse = $"Tack, vi tar över i morgon bitti. /{Guid.NewGuid():N}";
        await nurse.GetByLabel("Nytt meddelande").FillAsync(fromNurse);
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status)).ToContainTextAsync("Meddelandet är skickat");
        await ward.ReloadAsync();
        var conversation = await ward.InnerTextAsync("#samtal + ol");
        Assert.True(conversation.IndexOf(fromWard, StringComparison.Ordinal) < conversation.IndexOf(fromNurse, StringComparison.Ordinal), conversation);
        Assert.Contains("Nina Sjuksköterska", conversation, StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(ward);

        // Each message told the others by email, without the message or the patient: the ward of the nurse's, the unit of the ward's.
        var told = await fixture.Mail.WaitForAsync(m => m.Subject == $"Nytt meddelande i samtalet – {reference}", 2);
        Assert.Contains(told, m => m.To.Contains("avd12@sjukhus.example.se", StringComparison.Ordinal));
        Assert.Contains(told, m => m.To.Contains("hemsjukvard", StringComparison.Ordinal));
        Assert.All(told, m => AssertNoPersonalData(m.Subject + m.Text + m.Html, notes, fromWard, fromNurse));

        // The access log holds every view (a post is one too, and the page after it another) of both people.
        var log = service.Services.GetRequiredService<AccessLog>();
        var rows = await log.SearchAsync(new AccessLogQuery(TransitionOrReference: id), 100);
        Assert.NotEmpty(rows);
        Assert.Equal(5, rows.Count(r => r.Entry.PersonHsaId == OidcProvider.NurseHsaId && r.Entry.Outcome == AccessOutcome.Shown));
        Assert.Equal(4, rows.Count(r => r.Entry.PersonHsaId == OidcProvider.WardUserHsaId && r.Entry.Outcome == AccessOutcome.Shown));
        Assert.All(rows, r => Assert.Equal(reference, r.Entry.Reference));
        Assert.Contains(rows, r => r.Entry.UnitHsaId == OidcProvider.NurseUnitHsaId);
        Assert.Contains(rows, r => r.Entry.UnitHsaId == OidcProvider.WardUnitHsaId);
        AssertNoPersonalData(string.Join('\n', fixture.LogLines), notes, fromWard, fromNurse);
        AssertNoPersonalData(string.Join('\n', fixture.Spans), notes, fromWard, fromNurse);
        await nurse.Context.CloseAsync();
        await ward.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_person_of_an_uninvolved_unit_gets_a_Swedish_403_with_no_data_and_the_refusal_is_logged(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var notes = $"Planering {Guid.NewGuid():N}";
        var id = await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeHealthCare"]), notes));
        var reference = (await service.WaitForAsync(id, t => t.GetProperty("status").GetProperty("units").GetArrayLength() > 0)).GetProperty("reference").GetString()!;

        var stranger = await fixture.NewPageAsync();
        await stranger.GotoAsync($"{service.BaseUrl}/overlamning/{id}");
        await SignInFixture.SignInAtProviderAsync(stranger, OidcProvider.UnauthorisedUser);
        var refused = await stranger.ReloadAsync();

        Assert.Equal(403, refused!.Status);
        Assert.Equal("Du har inte behörighet till den här vårdövergången", await stranger.InnerTextAsync("h1"));
        var html = await stranger.ContentAsync();
        AssertNoPersonalData(html, notes);
        Assert.DoesNotContain(reference, html, StringComparison.Ordinal);
        await PageChecks.AssertAccessibleAsync(stranger);

        // Posting is refused the same way, and stores nothing.
        var post = await stranger.Context.APIRequest.PostAsync($"{service.BaseUrl}/overlamning/{id}/meddelanden", new() { Form = stranger.Context.APIRequest.CreateFormData().Set("text", "Jag är inte behörig") });
        Assert.True(post.Status is 400 or 403, $"status {post.Status}");
        var rows = await service.Services.GetRequiredService<AccessLog>().SearchAsync(new AccessLogQuery(PersonHsaId: OidcProvider.UnauthorisedHsaId, TransitionOrReference: reference), 10);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(AccessOutcome.Refused, r.Entry.Outcome));
        Assert.True(rows.Count >= 2, $"{rows.Count} refusals logged");
        var conversation = await service.Services.GetRequiredService<CareTransitions.Handover.ConversationStore>().ListAsync(id, default);
        Assert.Empty(conversation);
        await stranger.Context.CloseAsync();
    }

    internal static void AssertNoPersonalData(string text, params string[] alsoAbsent)
    {
        Assert.DoesNotContain(TestMessages.TestPatientName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PersonnummerDigits, text, StringComparison.Ordinal);
        Assert.DoesNotContain("19121212-1212", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tolva Tolvansson", text, StringComparison.Ordinal);
        foreach (var absent in alsoAbsent)
        {
            Assert.DoesNotContain(absent, text, StringComparison.Ordinal);
        }
    }
}
