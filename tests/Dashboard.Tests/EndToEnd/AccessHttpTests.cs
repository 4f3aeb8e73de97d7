using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.EndToEnd;

public sealed class AccessHttpTests
{
    [Fact]
    public async Task Every_dashboard_route_requires_the_hosts_steering_group_policy()
    {
        await using var host = await DashboardHost.StartAsync();
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } r && (r.StartsWith("/dashboard", StringComparison.Ordinal) || r.StartsWith("/api/statistics", StringComparison.Ordinal)))
            .ToList();

        Assert.True(routes.Count >= 6, $"only {routes.Count} dashboard routes found");
        Assert.All(routes, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == DashboardEndpoints.SteeringGroupPolicy));
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
        var recorder = host.Services.GetRequiredService<Platform.Outcomes.IOutcomeRecorder>();

        await recorder.RecordAsync(Outcome.Discharged(Outcome.Jan10, 4) with { PaymentResponsibilityDays = 2 });
        using var json = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/statistics?from=2024-01-01&to=2024-01-31"));
        var period = json.RootElement.GetProperty("period");

        Assert.Same(recorder, host.Services.GetRequiredService<Platform.Outcomes.IOutcomeRecorder>());
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
