using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Security;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard's problem+json answers are for the steering group and the tools it uses: one language, Swedish, in the
/// title as in the detail and the field errors.
/// </summary>
public sealed partial class ProblemLanguageTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/api/statistics?from=2024-02-30", 400)]
    [InlineData("/api/statistics?from=2024-01-01&to=2024-03-31&compareDate=2024-01-01", 400)]
    [InlineData("/api/statistics?careType=Dental&needs=Housing", 400)]
    [InlineData("/dashboard/export/veckor.csv?to=igår", 400)]
    [InlineData("/dashboard/export/veckor.pdf", 400)]
    [InlineData("/dashboard/export/okand.csv", 404)]
    [InlineData("/dashboard/export/fore-efter.csv", 400)]
    [InlineData("/dashboard/rapporter/2026-13.xlsx", 400)]
    [InlineData("/dashboard/rapporter/2099-01.xlsx", 400)]
    [InlineData("/dashboard/rapporter/arkiv/2020-01.xlsx", 404)]
    public async Task A_dashboard_route_s_problem_is_Swedish_in_title_detail_and_errors(string path, int status)
    {
        var response = await _host.Client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        AssertSwedishProblem(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/statistics", null, 401)]
    [InlineData("/dashboard/export/veckor.csv", """{"claims":[{"typ":"roles","val":"Samordnare"}]}""", 403)]
    public async Task The_Functions_app_s_refusal_without_the_steering_role_is_Swedish(string path, string? principal, int status)
    {
        var http = new DefaultHttpContext { RequestServices = Services() };
        http.Request.Path = path;
        if (principal is not null)
        {
            http.Request.Headers[ClientPrincipal.HeaderName] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(principal));
        }
        http.Response.Body = new MemoryStream();

        var refusal = SteeringRoleCheck.Refusal(http, new HostingEnvironment { EnvironmentName = Environments.Production }, new StatisticsOptions());
        await refusal!.ExecuteAsync(http);

        Assert.Equal(status, http.Response.StatusCode);
        AssertSwedishProblem(System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public async Task A_store_outage_on_a_dashboard_route_is_answered_in_Swedish_and_elsewhere_left_as_it_was()
    {
        var services = Services();
        async Task<string> OutageAt(string path, Exception? exception = null, string title = "Database unavailable")
        {
            var http = new DefaultHttpContext { RequestServices = services };
            http.Request.Path = path;
            http.Response.Body = new MemoryStream();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            // As the host's outage handler writes it.
            await services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = 503, Title = title, Detail = "The service's database cannot be reached right now." },
            });
            return System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        }

        var outage = new TimeoutException("no answer from the database");

        AssertSwedishProblem(await OutageAt("/api/statistics", outage));
        AssertSwedishProblem(await OutageAt("/dashboard", outage));
        Assert.Contains("Database unavailable", await OutageAt("/api/transitions", outage), StringComparison.Ordinal);
        // A 503 written on purpose, with no exception behind it (the sign-in's "not configured"), keeps its own words.
        Assert.Contains("Inloggningen är inte konfigurerad", await OutageAt("/api/statistics", title: "Inloggningen är inte konfigurerad"), StringComparison.Ordinal);
    }

    /// <summary>The services as the dashboard registers them (its problem details among them).</summary>
    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Directory"] = Path.Combine(Path.GetTempPath(), "problem-language-" + Guid.NewGuid().ToString("N")) })
            .Build();
        return new ServiceCollection().AddLogging().AddDashboard(configuration).BuildServiceProvider();
    }

    // Words that give an English text away; none of them is a Swedish word.
    private static readonly HashSet<string> English = ["the", "one", "or", "more", "error", "errors", "occurred", "validation", "bad", "request", "not", "found", "database", "unavailable", "is", "are", "an", "must", "invalid", "unauthorized", "forbidden", "please", "cannot", "reached"];

    private static readonly HashSet<string> SwedishMarkers = ["är", "och", "för", "inte", "en", "ett", "som", "se", "måste", "finns", "till", "om", "har", "på", "av", "kan", "med", "det", "den"];

    private static void AssertSwedishProblem(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var title = root.GetProperty("title").GetString();
        var detail = root.GetProperty("detail").GetString();

        // A detail may name a member of the answer ("se errors"): that is the contract's word, not English prose.
        var members = root.EnumerateObject().Select(p => p.Name.ToLowerInvariant()).ToHashSet();
        AssertNotEnglish(title, "title", members);
        AssertNotEnglish(detail, "detail", members);
        Assert.True(Words(detail!).Overlaps(SwedishMarkers) || detail!.Any(c => "åäöÅÄÖ".Contains(c)), $"detail is not Swedish: {detail}");
        if (root.TryGetProperty("errors", out var errors))
        {
            var messages = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()).ToList();
            Assert.NotEmpty(messages);
            Assert.All(messages, m => AssertNotEnglish(m, "errors", members));
        }
    }

    private static void AssertNotEnglish(string? text, string what, HashSet<string> members)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), $"{what} is empty");
        var english = Words(text!).Except(members).Intersect(English).ToList();
        Assert.True(english.Count == 0, $"{what} has English words ({string.Join(", ", english)}): {text}");
    }

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
