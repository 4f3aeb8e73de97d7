using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareTransitions.Tests.Infrastructure;
using Ical.Net;
using MimeKit;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The SIP call through the API: invitations in a real SMTP server, answers through the links, a move and a cancellation.</summary>
public abstract partial class SipCallTests(ServiceFixture fixture)
{
    private readonly ServiceHost service = fixture.Service;
    private readonly Maildev mail = fixture.Mail;

    [Fact]
    public async Task A_called_SIP_meeting_is_invited_answered_moved_and_cancelled_with_one_calendar_event_and_no_personal_data()
    {
        var episode = TestMessages.NewEpisode();
        var id = await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare"]));
        var transition = await this.service.WaitForAsync(id, t => ServiceHost.Units(t).Count() >= 2 && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        var participants = ServiceHost.Units(transition).Select(u => u.GetProperty("unitId").GetString()!).Take(2).ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(2);

        using var invalid = await this.service.Api.PostAsJsonAsync($"/api/transitions/{id}/sip-call", new { participants = new[] { "no-such-unit" }, videoLink = "http://x" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["participants", "start", "videoLink"], errors.EnumerateObject().Select(p => p.Name).Order().ToArray());

        var called = await this.CallAsync(id, start, participants);
        var invitations = await this.InvitationsAsync(id, "Kallelse till SIP-möte", participants.Length);
        Assert.All(invitations, i => Assert.Equal(("REQUEST", 0, called.GetProperty("meetingId").GetString()), (i.Calendar.Method, i.Calendar.Events.Single().Sequence, i.Calendar.Events.Single().Uid)));
        Assert.All(invitations, i => Assert.Equal(start.ToUnixTimeSeconds(), new DateTimeOffset(i.Calendar.Events.Single().DtStart!.AsUtc).ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, await AnswerAsync(invitations[0].AnswerLink, "accept", null));
        Assert.Equal(HttpStatusCode.OK, await AnswerAsync(invitations[1].AnswerLink, "decline", "Krockar med ett annat möte"));
        Assert.Equal(HttpStatusCode.BadRequest, await AnswerAsync(invitations[1].AnswerLink, "decline", null));

        var moved = await this.CallAsync(id, start.AddDays(1), participants);
        Assert.Equal((1, called.GetProperty("meetingId").GetString()), (moved.GetProperty("sequence").GetInt32(), moved.GetProperty("meetingId").GetString()));
        var updates = await this.InvitationsAsync(id, "Ändrad tid för SIP-möte", participants.Length);
        Assert.All(updates, i => Assert.Equal(("REQUEST", 1, invitations[0].Calendar.Events.Single().Uid), (i.Calendar.Method, i.Calendar.Events.Single().Sequence, i.Calendar.Events.Single().Uid)));
        // The old time's link answers no more: the answer belongs to the time it was given for.
        Assert.Equal(HttpStatusCode.NotFound, await AnswerAsync(invitations[0].AnswerLink, "accept", null));

        using var cancel = await this.service.Api.PostAsync($"/api/transitions/{id}/sip-call/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancellations = await this.InvitationsAsync(id, "Inställt SIP-möte", participants.Length);
        Assert.All(cancellations, i => Assert.Equal(("CANCEL", 2, invitations[0].Calendar.Events.Single().Uid), (i.Calendar.Method, i.Calendar.Events.Single().Sequence, i.Calendar.Events.Single().Uid)));

        var status = await this.service.WaitForAsync(id, t => t.GetProperty("status").GetProperty("deadlines").GetProperty("sipMeetingCancelled").GetBoolean());
        var deadlines = status.GetProperty("status").GetProperty("deadlines");
        Assert.Equal(called.GetProperty("calledAt").GetDateTimeOffset(), deadlines.GetProperty("sipCalledAt").GetDateTimeOffset());
    }

    private async Task<JsonElement> CallAsync(string id, DateTimeOffset start, string[] participants)
    {
        using var response = await this.service.Api.PostAsJsonAsync(
            $"/api/transitions/{id}/sip-call", new { start, place = "Vårdcentralen, rum 3", participants, patientName = "Tolvan Tolvansson", nextOfKin = "Anna Tolvansson" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<IReadOnlyList<(Calendar Calendar, string AnswerLink)>> InvitationsAsync(string id, string subject, int count)
    {
        var reference = (await this.service.GetTransitionAsync(id)).GetProperty("status").GetProperty("reference").GetString()!;
        var emails = await this.mail.WaitForAsync(e => e.Subject.StartsWith(subject, StringComparison.Ordinal) && e.Subject.EndsWith(reference, StringComparison.Ordinal), count);
        var result = new List<(Calendar, string)>();
        foreach (var email in emails.OrderBy(e => e.To, StringComparer.Ordinal))
        {
            var source = await this.mail.SourceAsync(email.Id);
            Assert.DoesNotContain("Tolvan", System.Text.Encoding.UTF8.GetString(source), StringComparison.Ordinal);
            using var message = await MimeMessage.LoadAsync(new MemoryStream(source));
            var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content);
            result.Add((Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!, AnswerLinkPattern().Match(email.Text).Value));
        }

        return result;
    }

    private static async Task<HttpStatusCode> AnswerAsync(string link, string answer, string? comment)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        using var page = await client.GetAsync(link);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page.StatusCode;
        }

        var html = await page.Content.ReadAsStringAsync();
        var hidden = HiddenPattern().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        var form = hidden.Append(new("answer", answer)).Append(new("comment", comment ?? string.Empty));
        using var posted = await client.PostAsync(link, new FormUrlEncodedContent(form));
        return posted.StatusCode;
    }

    [GeneratedRegex(@"https?://[^\s]+/sip/[A-Za-z0-9_-]+")]
    private static partial Regex AnswerLinkPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenPattern();
}

/// <summary>The SIP call on SQLite files.</summary>
public sealed class SipCallOnSqliteTests(ServiceFixture fixture) : SipCallTests(fixture), IClassFixture<ServiceFixture>;

/// <summary>The SIP call on PostgreSQL.</summary>
public sealed class SipCallOnPostgresTests(PostgresServiceFixture fixture) : SipCallTests(fixture), IClassFixture<PostgresServiceFixture>;
