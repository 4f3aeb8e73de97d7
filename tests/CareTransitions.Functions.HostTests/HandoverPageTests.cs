using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// The handover page, its conversation and the coordinators' access log in the Functions app, for the staff App Service
/// Authentication signs in: the same access rule and log as the standalone service, the person read from
/// X-MS-CLIENT-PRINCIPAL with the default claims (hsa_id, unit_hsa_ids), believed only with WEBSITE_AUTH_ENABLED=True.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class HandoverPageTests(AppUnderHost app)
{
    private const string HomeHealthCare1480 = "SE2120001480-hemsjukvard";
    private const string NurseHsaId = "SE2120001480-P000000000101";
    private const string StrangerHsaId = "SE2120001401-P000000000102";

    private static readonly string Nurse = AppServicePrincipal.Staff("Nina Sjuksköterska", NurseHsaId, [HomeHealthCare1480]);
    private static readonly string Stranger = AppServicePrincipal.Staff("Sam Utomstående", StrangerHsaId, ["SE2120001401-hemsjukvard"]);
    private static readonly string Coordinator = AppServicePrincipal.Staff("Siv Samordnare", "SE2120001480-P000000000103", ["SE2120001480-samordning"], "Samordnare");

    [HostFact]
    public async Task Staff_of_a_receiving_unit_see_the_patient_and_post_to_the_conversation_others_are_refused_and_every_view_is_logged()
    {
        var host = await app.WithAuthenticationAsync();
        var id = await host.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "1480")));
        await host.WaitForAsync(id, s => Transitions.Units(s).Any());
        var page = $"/overlamning/{id}";
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };

        var (shownStatus, shown) = await SendAsync(browser, HttpMethod.Get, page, Nurse);
        Assert.True(shownStatus == HttpStatusCode.OK, $"{(int)shownStatus}: {shown}");
        Assert.Contains(TestMessages.TestPatientName, shown, StringComparison.Ordinal);
        // Signing out is App Service Authentication's, not the standalone service's /logga-ut.
        Assert.Contains("href=\"/.auth/logout\"", shown, StringComparison.Ordinal);

        var (refusedStatus, refused) = await SendAsync(host.Http, HttpMethod.Get, page, Stranger);
        Assert.Equal(HttpStatusCode.Forbidden, refusedStatus);
        Assert.DoesNotContain(TestMessages.TestPatientName, refused, StringComparison.Ordinal);

        var (anonymousStatus, anonymous) = await SendAsync(host.Http, HttpMethod.Get, page, principal: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousStatus);
        Assert.Contains($"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(page)}", WebUtility.HtmlDecode(anonymous), StringComparison.Ordinal);
        Assert.DoesNotContain(TestMessages.TestPatientName, anonymous, StringComparison.Ordinal);

        // The conversation: the form's antiforgery field with the cookie the page set.
        var form = new HtmlParser().ParseDocument(shown).QuerySelector("form[method=post]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).Append(new("text", "Vi kommer hem till patienten i morgon kl 10."));
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) }.As(Nurse);
        using var posted = await browser.SendAsync(post);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var (_, again) = await SendAsync(browser, HttpMethod.Get, posted.Headers.Location!.OriginalString, Nurse);
        Assert.Contains("Vi kommer hem till patienten i morgon kl 10.", again, StringComparison.Ordinal);

        // The access log, read as a coordinator: the nurse's views and the stranger's refusal.
        var (csvStatus, csv) = await SendAsync(host.Http, HttpMethod.Get, $"/samordning/atkomstlogg.csv?overgang={id}", Coordinator);
        Assert.True(csvStatus == HttpStatusCode.OK, $"{(int)csvStatus}: {csv}");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(';')).ToList();
        Assert.True(rows.Count(r => r[1] == NurseHsaId && r[3] == HomeHealthCare1480 && r[4] == id && r[7] == "visad") >= 3, csv);
        Assert.Single(rows, r => r[1] == StrangerHsaId && r[4] == id && r[7] == "nekad");
        var (notCoordinatorStatus, _) = await SendAsync(host.Http, HttpMethod.Get, $"/samordning/atkomstlogg.csv?overgang={id}", Nurse);
        Assert.Equal(HttpStatusCode.Forbidden, notCoordinatorStatus);

        // Without App Service Authentication the header is anyone's to write: the page is not served at all.
        var (offStatus, off) = await SendAsync(app.Host.Http, HttpMethod.Get, page, Nurse);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, offStatus);
        Assert.Contains("Inloggningen är inte konfigurerad", off, StringComparison.Ordinal);
        Assert.DoesNotContain(TestMessages.TestPatientName, off, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? principal)
    {
        using var request = new HttpRequestMessage(method, path);
        if (principal is not null)
        {
            request.As(principal);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}
