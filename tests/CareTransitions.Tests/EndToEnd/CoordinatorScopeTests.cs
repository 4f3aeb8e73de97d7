using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// A coordinator key scoped to units (Coordinators:Scopes): Göteborg's key reaches Göteborg's transitions only, and
/// another municipality's are "not found" to it, for reading as for terminating; an unscoped key reaches all.
/// </summary>
public sealed class CoordinatorScopeTests
{
    private const string GoteborgKey = "goteborg-key-0123456789abcdefg";
    private const string RegionKey = "region-key-0123456789abcdefghi";

    [Fact]
    public async Task A_scoped_key_lists_reads_and_terminates_only_its_own_municipalitys_transitions()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(
            mail, $"--Coordinators:ApiKeys:goteborg={GoteborgKey}", "--Coordinators:Scopes:goteborg=1480", $"--Coordinators:ApiKeys:region={RegionKey}");
        var own = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "1480", needs: []));
        var other = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "0181", needs: []));
        // Each has emailed its units, so each status names its municipality and units.
        await mail.WaitForAsync(e => e.MessageId.Contains(own, StringComparison.Ordinal), 2);
        await mail.WaitForAsync(e => e.MessageId.Contains(other, StringComparison.Ordinal), 2);
        using var goteborg = Client(service, GoteborgKey);
        using var region = Client(service, RegionKey);

        var listedToGoteborg = await IdsAsync(goteborg);
        var listedToRegion = await IdsAsync(region);
        using var readOther = await goteborg.GetAsync($"/api/transitions/{other}");
        using var readOwn = await goteborg.GetAsync($"/api/transitions/{own}");
        using var terminateOther = await goteborg.PostAsync($"/api/transitions/{other}/terminate?reason=test", null);
        using var purgeOther = await goteborg.DeleteAsync($"/api/transitions/{other}");
        using var terminateOwn = await goteborg.PostAsync($"/api/transitions/{own}/terminate?reason=test", null);

        Assert.NotEmpty(listedToGoteborg);
        Assert.Contains(own, listedToGoteborg);
        Assert.DoesNotContain(other, listedToGoteborg);
        Assert.Contains(own, listedToRegion);
        Assert.Contains(other, listedToRegion);
        Assert.Equal(HttpStatusCode.NotFound, readOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readOwn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, terminateOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, purgeOther.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminateOwn.StatusCode);
        var otherNow = await region.GetFromJsonAsync<JsonElement>($"/api/transitions/{other}");
        Assert.Equal("Running", otherNow.GetProperty("runtimeStatus").GetString());
        // The audit names the key by its name, never by its value.
        var audit = await service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(own);
        Assert.Contains(audit, a => a.Action == AuditActions.TransitionTerminated && a.Actor == "api-key:goteborg");
    }

    [Fact]
    public void A_scope_without_its_key_or_with_an_unknown_entry_stops_the_start_naming_each()
    {
        var options = new CareTransitions.Configuration.CoordinatorOptions
        {
            ApiKeys = { ["goteborg"] = GoteborgKey, ["tom"] = RegionKey },
            Scopes = { ["goteborg"] = "1480, Göteborgs stad", ["ingen"] = "1480", ["tom"] = " , " },
        };

        var problems = new CareTransitions.Configuration.Validation.CoordinatorOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Coordinators:Scopes:goteborg='1480, Göteborgs stad' has 'Göteborgs stad': each entry is a municipality code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Coordinators:Scopes:ingen='1480' has no key: set Coordinators:ApiKeys:ingen", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Coordinators:Scopes:tom=' , ' is empty", StringComparison.Ordinal));
    }

    private static async Task<List<string>> IdsAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/transitions");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static HttpClient Client(ServiceHost service, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }
}
