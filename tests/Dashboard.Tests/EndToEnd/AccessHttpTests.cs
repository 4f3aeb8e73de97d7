using System.Net;
using System.Text;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.EndToEnd;

public sealed class AccessHttpTests
{
    private static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "{\"auth_typ\":\"aad\",\"name_typ\":\"name\",\"role_typ\":\"roles\",\"claims\":[" +
            string.Join(",", claims.Select(c => $"{{\"typ\":\"{c.Type}\",\"val\":\"{c.Value}\"}}")) + "]}"));

    private static async Task<HttpResponseMessage> GetAsync(DashboardHost host, string path, string? principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }
        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task In_production_the_dashboard_requires_a_signed_in_user_with_the_steering_role()
    {
        await using var host = await DashboardHost.StartAsync("Production");

        var anonymousApi = await GetAsync(host, "/api/statistics", null);
        var anonymousPage = await GetAsync(host, "/dashboard", null);
        var garbage = await GetAsync(host, "/api/statistics", "not-base64!");
        var wrongRole = await GetAsync(host, "/dashboard/export/veckor.csv", Principal(("roles", "Sjuksköterska")));
        var steering = await GetAsync(host, "/dashboard", Principal(("name", "anna"), ("roles", "Styrgrupp")));

        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (anonymousApi.StatusCode, anonymousApi.Content.Headers.ContentType!.MediaType));
        Assert.Equal((HttpStatusCode.Unauthorized, "text/html"), (anonymousPage.StatusCode, anonymousPage.Content.Headers.ContentType!.MediaType));
        Assert.Contains("Inloggning krävs", await anonymousPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "application/problem+json"), (wrongRole.StatusCode, wrongRole.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.OK, steering.StatusCode);
    }

    [Fact]
    public async Task In_development_the_dashboard_is_open()
    {
        await using var host = await DashboardHost.StartAsync("Development");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/api/statistics", null)).StatusCode);
    }

    [Fact]
    public async Task A_registered_open_transitions_source_fills_the_now_figures()
    {
        var source = new CountingSource();
        await using var host = await DashboardHost.StartAsync(configure: s => s.AddSingleton<IOpenTransitionsSource>(source));

        var html = await host.Client.GetStringAsync("/dashboard?municipality=0980&careType=Psychiatric&needs=PalliativeCare");

        Assert.Contains("id=\"now-overdue\"><h3>Försenade</h3><div class=\"value\">3<", html, StringComparison.Ordinal);
        Assert.Equal(("0980", (string?)null, "Psychiatric"), (source.LastQuery!.MunicipalityCode, source.LastQuery.WardHsaId, source.LastQuery.CareType));
        Assert.Equal(["PalliativeCare"], source.LastQuery.Needs);
    }

    [Fact]
    public async Task An_outcome_recorded_through_the_registered_recorder_appears_in_the_statistics()
    {
        await using var host = await DashboardHost.StartAsync();
        var recorder = host.Services.GetRequiredService<Dashboard.Outcomes.IOutcomeRecorder>();

        await recorder.RecordAsync(Outcome.Discharged(Outcome.Jan10, 4) with { PaymentResponsibilityDays = 2 });
        using var json = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/statistics?from=2024-01-01&to=2024-01-31"));
        var period = json.RootElement.GetProperty("period");

        Assert.Same(recorder, host.Services.GetRequiredService<Dashboard.Outcomes.IOutcomeRecorder>());
        Assert.Equal(1, period.GetProperty("readyForDischarge").GetInt64());
        Assert.Equal(4.0, period.GetProperty("averageDaysReadyForDischarge").GetDouble());
        Assert.Equal(2 * 9_300m, period.GetProperty("paymentResponsibilityCost").GetDecimal());
    }

    [Fact]
    public async Task A_failing_open_transitions_source_leaves_the_rest_of_the_page_intact()
    {
        await using var host = await DashboardHost.StartAsync(configure: s => s.AddSingleton<IOpenTransitionsSource, FailingSource>());

        var response = await host.Client.GetAsync("/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"now-open\"><h3>Pågående överföringar</h3><div class=\"value\">uppgift saknas<", html, StringComparison.Ordinal);
    }

    private sealed class FailingSource : IOpenTransitionsSource
    {
        public Task<OpenTransitionCounts?> CountAsync(OpenTransitionsQuery query, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the workflow store is down");
    }

    private sealed class CountingSource : IOpenTransitionsSource
    {
        public OpenTransitionsQuery? LastQuery { get; private set; }

        public Task<OpenTransitionCounts?> CountAsync(OpenTransitionsQuery query, CancellationToken cancellationToken = default)
        {
            LastQuery = query;
            return Task.FromResult<OpenTransitionCounts?>(new OpenTransitionCounts(12, 5, 3));
        }
    }
}
