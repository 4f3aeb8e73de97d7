using System.Net;
using System.Text;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// The coordinators' work list in the Functions app, for the coordinators App Service Authentication signs in: each sees
/// the open transitions of their own municipality, on the page, in the CSV and on a transition's page, and never another's.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class WorklistPageTests(AppUnderHost app)
{
    private static readonly string Goteborg = AppServicePrincipal.Staff("Siv Samordnare", "SE2120001480-P000000000201", ["SE2120001480-samordning"], "Samordnare");
    private static readonly string Sodertalje = AppServicePrincipal.Staff("Sune Samordnare", "SE2120000181-P000000000202", ["SE2120000181-samordning"], "Samordnare");
    private static readonly string Nurse = AppServicePrincipal.Staff("Nina Sjuksköterska", "SE2120001480-P000000000203", ["SE2120001480-hemsjukvard"]);

    [HostFact]
    public async Task A_coordinator_gets_the_work_list_with_their_municipalitys_transition_and_another_municipalitys_coordinator_does_not()
    {
        var host = await app.WithAuthenticationAsync();
        var id = await host.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "1480", needs: []));
        var status = await host.WaitForAsync(id, s => Transitions.Units(s).Any());
        var reference = status.GetProperty("status").GetProperty("reference").GetString()!;
        var search = $"?sok={Uri.EscapeDataString(reference)}";

        var (pageStatus, page) = await SendAsync(host.Http, $"/samordning{search}", Goteborg);
        Assert.True(pageStatus == HttpStatusCode.OK, $"{(int)pageStatus}: {page}");
        Assert.Contains($"/samordning/overgang/{id}", page, StringComparison.Ordinal);
        Assert.Contains(reference, page, StringComparison.Ordinal);
        Assert.Contains("src=\"/samordning/uppdatera.js\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/.auth/logout\"", page, StringComparison.Ordinal);
        var (csvStatus, csv) = await SendAsync(host.Http, $"/samordning/lista.csv{search}", Goteborg);
        Assert.Equal(HttpStatusCode.OK, csvStatus);
        Assert.Equal(reference, Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)).Split(';')[0].TrimStart('\uFEFF'));
        var (transitionStatus, transition) = await SendAsync(host.Http, $"/samordning/overgang/{id}", Goteborg);
        Assert.True(transitionStatus == HttpStatusCode.OK, $"{(int)transitionStatus}: {transition}");
        Assert.Contains(reference, transition, StringComparison.Ordinal);

        var (otherStatus, other) = await SendAsync(host.Http, $"/samordning{search}", Sodertalje);
        Assert.True(otherStatus == HttpStatusCode.OK, $"{(int)otherStatus}: {other}");
        // The search field echoes the reference; the list holds nothing.
        Assert.Contains("0 vårdövergångar, varav 0 försenade", other, StringComparison.Ordinal);
        Assert.DoesNotContain(id, other, StringComparison.Ordinal);
        var (otherCsvStatus, otherCsv) = await SendAsync(host.Http, $"/samordning/lista.csv{search}", Sodertalje);
        Assert.Equal(HttpStatusCode.OK, otherCsvStatus);
        Assert.DoesNotContain(reference, otherCsv, StringComparison.Ordinal);
        var (otherTransitionStatus, otherTransition) = await SendAsync(host.Http, $"/samordning/overgang/{id}", Sodertalje);
        Assert.Equal(HttpStatusCode.NotFound, otherTransitionStatus);
        Assert.DoesNotContain(reference, otherTransition, StringComparison.Ordinal);

        // Staff without the coordinator role, and nobody at all, get no list.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host.Http, "/samordning", Nurse)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host.Http, "/samordning", principal: null)).Status);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string path, string? principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (principal is not null)
        {
            request.As(principal);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}
