using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// The handover page's SIP form in the Functions app under the real host, for staff App Service Authentication signs in:
/// the vårdcentral's staff call and cancel (after confirming) the meeting, the invitations go out, and staff of another
/// receiving unit are refused the same posts.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class HandoverSipHostTests(AppUnderHost app)
{
    private static readonly string PrimaryCare = AppServicePrincipal.Staff("Vera Vårdcentral", "SE2120001480-P000000000104", ["SE2120001480-vardcentral"]);
    private static readonly string Nurse = AppServicePrincipal.Staff("Nina Sjuksköterska", "SE2120001480-P000000000101", ["SE2120001480-hemsjukvard"]);

    [HostFact]
    public async Task The_vardcentral_calls_and_cancels_the_SIP_meeting_on_the_handover_page_and_another_unit_is_refused()
    {
        var host = await app.WithAuthenticationAsync();
        var id = await host.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "1480", needs: ["HomeHealthCare"])));
        var status = await host.WaitForAsync(id, Transitions.AllNotified);
        var reference = status.GetProperty("reference").GetString()!;
        var units = Transitions.Units(status).Select(u => u.GetProperty("unitId").GetString()!).ToArray();
        Assert.Contains("1480-vardcentral", units);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };

        var (shownStatus, shown) = await SendAsync(browser, HttpMethod.Get, $"/overlamning/{id}", PrimaryCare);
        Assert.True(shownStatus == HttpStatusCode.OK, $"{(int)shownStatus}: {shown}");
        var call = Form(shown, "form.sip");
        var day = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fields = Hidden(call).Append(new("datum", day)).Append(new("start", "10:00")).Append(new("plats", "Vårdcentralen, rum 3"))
            .Concat(units.Select(u => new KeyValuePair<string, string>("enheter", u))).ToList();

        // Staff of the home health care unit see the page but may not call: 403, with their page's own token.
        using var nurseBrowser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        var (_, nursePage) = await SendAsync(nurseBrowser, HttpMethod.Get, $"/overlamning/{id}", Nurse);
        var nurseFields = Hidden(Form(nursePage, "form[method=post]")).Append(new("datum", day)).Append(new("start", "10:00")).Append(new("plats", "Hemma"))
            .Append(new("enheter", units[0]));
        var (refusedStatus, _) = await SendAsync(nurseBrowser, HttpMethod.Post, $"/overlamning/{id}/sip", Nurse, nurseFields);
        Assert.Equal(HttpStatusCode.Forbidden, refusedStatus);

        var (calledStatus, called) = await SendAsync(browser, HttpMethod.Post, call.GetAttribute("action")!, PrimaryCare, fields);
        Assert.True(calledStatus == HttpStatusCode.Redirect, $"{(int)calledStatus}: {called}\n{host.Tail(30)}");
        var invitations = await app.Services.Mail.WaitForAsync(e => e.Subject == $"Kallelse till SIP-möte – {reference}", units.Length);
        Assert.Equal(units.Length, invitations.Count);

        // Cancelling asks for the confirmation box first; then every participant gets the cancellation.
        var (_, withMeeting) = await SendAsync(browser, HttpMethod.Get, $"/overlamning/{id}", PrimaryCare);
        var cancel = Form(withMeeting, "form[action$='/sip/installt']");
        var (unconfirmedStatus, unconfirmed) = await SendAsync(browser, HttpMethod.Post, cancel.GetAttribute("action")!, PrimaryCare, Hidden(cancel));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmedStatus);
        Assert.Contains("Mötet är inte inställt", unconfirmed, StringComparison.Ordinal);
        var (cancelledStatus, _) = await SendAsync(browser, HttpMethod.Post, cancel.GetAttribute("action")!, PrimaryCare, Hidden(cancel).Append(new("bekrafta", "ja")));
        Assert.Equal(HttpStatusCode.Redirect, cancelledStatus);
        var cancellations = await app.Services.Mail.WaitForAsync(e => e.Subject == $"Inställt SIP-möte – {reference}", units.Length);
        Assert.Equal(units.Length, cancellations.Count);
    }

    private static IHtmlFormElement Form(string html, string selector) =>
        new HtmlParser().ParseDocument(html).QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No {selector} on the page: {html}");

    private static IEnumerable<KeyValuePair<string, string>> Hidden(IHtmlFormElement form) =>
        form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpClient client, HttpMethod method, string path, string principal, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, path).As(principal);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}
