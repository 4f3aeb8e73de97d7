using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// The SIP call in the Functions app under the real host: the API with the function key, the answer page sip/{token}
/// anonymous, over the standalone service's handlers.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed partial class SipCallHostTests(AppUnderHost app)
{
    [HostFact]
    public async Task A_SIP_call_with_the_key_is_emailed_answered_through_its_link_and_cancelled()
    {
        var id = await app.Host.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeHealthCare"]));
        var status = await app.Host.WaitForAsync(id, Transitions.AllNotified);
        var reference = status.GetProperty("reference").GetString()!;
        var participants = Transitions.Units(status).Select(u => u.GetProperty("unitId").GetString()!).ToArray();
        var body = new { start = DateTimeOffset.UtcNow.AddDays(2), place = "Vårdcentralen, rum 3", participants, patientName = "Tolvan Tolvansson" };

        using var withoutKey = await app.Host.Http.PostAsJsonAsync($"/api/transitions/{id}/sip-call", body);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        using var called = await app.Host.Http.SendAsync(app.Host.WithFunctionKey(HttpMethod.Post, $"/api/transitions/{id}/sip-call", JsonContent.Create(body)));
        var answer = await called.Content.ReadAsStringAsync();
        Assert.True(called.StatusCode == HttpStatusCode.OK, $"{(int)called.StatusCode}: {answer}\n{app.Host.Tail(30)}");
        Assert.Equal(0, JsonDocument.Parse(answer).RootElement.GetProperty("sequence").GetInt32());

        var invitations = await app.Services.Mail.WaitForAsync(e => e.Subject == $"Kallelse till SIP-möte – {reference}", participants.Length);
        Assert.All(invitations, e => Assert.DoesNotContain("Tolvan", e.Text + e.Html, StringComparison.Ordinal));
        var link = AnswerLink().Match(invitations[0].Text).Value;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var page = await browser.GetStringAsync(link);
        var form = new HtmlParser().ParseDocument(page).QuerySelector("form[method=post]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Append(new("answer", "decline")).Append(new("comment", "Krockar med ett annat möte"));
        using var answered = await browser.PostAsync(link, new FormUrlEncodedContent(fields));
        var thanks = await answered.Content.ReadAsStringAsync();
        Assert.True(answered.StatusCode == HttpStatusCode.OK, $"{(int)answered.StatusCode}: {thanks}");
        Assert.Contains("Tack för ert svar", thanks, StringComparison.Ordinal);

        using var cancelled = await app.Host.Http.SendAsync(app.Host.WithFunctionKey(HttpMethod.Post, $"/api/transitions/{id}/sip-call/cancel"));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await app.Services.Mail.WaitForAsync(e => e.Subject == $"Inställt SIP-möte – {reference}", participants.Length);
        using var stale = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
    }

    [GeneratedRegex(@"https?://[^\s]+/sip/[A-Za-z0-9_-]+")]
    private static partial Regex AnswerLink();
}
