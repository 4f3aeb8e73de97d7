using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareTransitions.Acknowledgements;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Functions.Tests;

/// <summary>The standalone service and the Functions app's adapters, started once for the class, each on its own store.</summary>
public sealed class TwoHosts : IAsyncLifetime
{
    private WebApplication? standalone;
    private Maildev? mail;

    public HttpClient Standalone { get; private set; } = null!;

    public IServiceProvider StandaloneServices => this.standalone!.Services;

    public FunctionsTestApp Functions { get; private set; } = null!;

    /// <summary>The standalone service signs people in here (the Functions app has App Service Authentication instead).</summary>
    public OidcProvider SignIn { get; private set; } = null!;

    public string StandaloneUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        this.SignIn = await OidcProvider.StartAsync();
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-standalone-").FullName;
        var port = FreePort.Next();
        this.mail = await Maildev.StartAsync();
        this.standalone = CareTransitionsApp.Build(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--PublicBaseUrl={TestSettings.PublicBaseUrl}",
            $"--Storage:Directory={directory}",
            "--Smtp:Host=127.0.0.1",
            $"--Smtp:Port={this.mail.SmtpPort}",
            $"--Intake:ApiKey={TestSettings.ApiKey}",
            "--Intake:ApiKeyOpensCoordinatorApi=true",
            $"--Privacy:PseudonymKey={TestSettings.PseudonymKey}",
            "--Durable:PollingInterval=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
            .. this.SignIn.ServiceSettings,
        ]);
        await this.standalone.StartAsync();
        this.StandaloneUrl = $"http://127.0.0.1:{port}";
        this.Standalone = new HttpClient { BaseAddress = new Uri(this.StandaloneUrl) };
        this.Standalone.DefaultRequestHeaders.Add("x-functions-key", TestSettings.ApiKey);
        // As on Azure with infra/'s authsettingsV2: App Service Authentication on.
        this.Functions = await FunctionsTestApp.StartAsync(Engine.Ours, TestSettings.PublicBaseUrl, "--WEBSITE_AUTH_ENABLED=True");
    }

    public async Task DisposeAsync()
    {
        this.Standalone.Dispose();
        await this.Functions.DisposeAsync();
        await this.standalone!.StopAsync();
        await this.standalone.DisposeAsync();
        await this.SignIn.DisposeAsync();
        await this.mail!.DisposeAsync();
    }
}

/// <summary>
/// Each HTTP function, called through ASP.NET Core (a loopback Kestrel app whose routes call the [Function] methods),
/// answers as the standalone service's route does for the same input: same status, same headers that matter, same body.
/// </summary>
public sealed partial class HttpParityTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Intake_accepts_a_message_with_the_same_202_location_and_body()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());

        var (standalone, functions) = await this.BothAsync(c => c.PostAsJsonAsync("/api/transitions", message));

        Assert.Equal(HttpStatusCode.Accepted, standalone.Status);
        Assert.Equal(standalone, functions);
    }

    [Fact]
    public async Task Intake_answers_a_redelivered_messageId_alike_marked_as_a_duplicate_in_body_and_header()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());
        await this.BothAsync(c => c.PostAsJsonAsync("/api/transitions", message));

        using var standalone = await hosts.Standalone.PostAsJsonAsync("/api/transitions", message);
        using var functions = await hosts.Functions.Http.PostAsJsonAsync("/api/transitions", message);

        Assert.Equal(HttpStatusCode.Accepted, standalone.StatusCode);
        Assert.Equal(await Answer.ReadAsync(standalone), await Answer.ReadAsync(functions));
        Assert.Equal(["true"], standalone.Headers.GetValues("X-Duplicate-Message"));
        Assert.Equal(["true"], functions.Headers.GetValues("X-Duplicate-Message"));
        var body = await functions.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("ReadyForDischarge", body.GetProperty("storedMessageType").GetString());
    }

    [Fact]
    public async Task Intake_answers_a_body_that_is_not_JSON_with_the_same_400_problem()
    {
        var (standalone, functions) = await this.BothAsync(c => c.PostAsync("/api/transitions", new StringContent("{not json", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, standalone.Status);
        Assert.Equal(standalone, functions);
    }

    [Fact]
    public async Task Intake_answers_bad_fields_with_the_same_400_validation_problem()
    {
        var (standalone, functions) = await this.BothAsync(c => c.PostAsJsonAsync("/api/transitions", new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, standalone.Status);
        Assert.Equal(standalone, functions);
    }

    [Fact]
    public async Task Without_the_key_the_standalone_service_answers_401_where_the_Functions_host_checks_the_function_key()
    {
        // The Functions app's equivalent is the host's own check of x-functions-key (authLevel "function" in
        // functions.metadata, asserted by PublishOutputTests); the adapter is never called without it.
        using var anonymous = new HttpClient { BaseAddress = hosts.Standalone.BaseAddress };
        using var response = await anonymous.PostAsJsonAsync("/api/transitions", TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Status_list_and_an_unknown_id_answer_alike_once_the_units_are_notified()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "1480");
        var (accepted, _) = await this.BothAsync(c => c.PostAsJsonAsync("/api/transitions", message));
        var id = JsonNode.Parse(accepted.Body)!["id"]!.GetValue<string>();
        await WaitNotifiedAsync(hosts.Standalone, id);
        await WaitNotifiedAsync(hosts.Functions.Http, id);

        var (standalone, functions) = await this.BothAsync(c => c.GetAsync($"/api/transitions/{id}"));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Equal(standalone, functions);

        (standalone, functions) = await this.BothAsync(c => c.GetAsync($"/api/transitions?municipalityCode=1480&status=Running"));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Equal(standalone, functions);

        (standalone, functions) = await this.BothAsync(c => c.GetAsync("/api/transitions/ct-no-such-transition"));
        Assert.Equal(HttpStatusCode.NotFound, standalone.Status);
        Assert.Equal(standalone, functions);
    }

    [Fact]
    public async Task A_bad_status_or_page_size_in_the_list_query_is_the_same_400_from_both_hosts()
    {
        var (standalone, functions) = await this.BothAsync(c => c.GetAsync("/api/transitions?status=Sleeping"));
        Assert.Equal(HttpStatusCode.BadRequest, standalone.Status);
        Assert.Equal(standalone, functions);

        (standalone, functions) = await this.BothAsync(c => c.GetAsync("/api/transitions?pageSize=many"));
        Assert.Equal(HttpStatusCode.BadRequest, standalone.Status);
        Assert.Equal(standalone, functions);

        (standalone, functions) = await this.BothAsync(c => c.GetAsync("/api/transitions?status=running&pageSize=5"));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Equal(standalone, functions);
    }

    [Fact]
    public async Task Terminate_and_purge_answer_alike()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());
        var (accepted, _) = await this.BothAsync(c => c.PostAsJsonAsync("/api/transitions", message));
        var id = JsonNode.Parse(accepted.Body)!["id"]!.GetValue<string>();

        var (standalone, functions) = await this.BothAsync(c => c.DeleteAsync($"/api/transitions/{id}"));
        Assert.Equal(HttpStatusCode.Conflict, standalone.Status);
        Assert.Equal(standalone, functions);

        (standalone, functions) = await this.BothAsync(c => c.PostAsync($"/api/transitions/{id}/terminate?reason=test", null));
        Assert.Equal(HttpStatusCode.Accepted, standalone.Status);
        Assert.Equal(standalone, functions);

        using var timeout = new CancellationTokenSource(Patience);
        await hosts.Functions.Client.WaitForInstanceCompletionAsync(id, timeout.Token);
        await hosts.StandaloneServices.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>().WaitForInstanceCompletionAsync(id, timeout.Token);
        (standalone, functions) = await this.BothAsync(c => c.DeleteAsync($"/api/transitions/{id}"));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Equal(standalone, functions);
    }

    [Fact]
    public async Task The_acknowledgement_page_and_its_form_post_answer_alike()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());
        var (accepted, _) = await this.BothAsync(c => c.PostAsJsonAsync("/api/transitions", message));
        var id = JsonNode.Parse(accepted.Body)!["id"]!.GetValue<string>();
        var unitId = (await WaitNotifiedAsync(hosts.Standalone, id)).GetProperty("status").GetProperty("units")[0].GetProperty("unitId").GetString()!;
        await WaitNotifiedAsync(hosts.Functions.Http, id);

        // A token per store; the pages carry it, so the Functions page is compared with its token swapped for the standalone one.
        var standaloneToken = await NewTokenAsync(hosts.StandaloneServices, id, unitId);
        var functionsToken = await NewTokenAsync(hosts.Functions.Services, id, unitId);
        var standalonePage = new AckBrowser(hosts.Standalone.BaseAddress!);
        var functionsPage = new AckBrowser(new Uri(hosts.Functions.BaseUrl));

        var (pageS, formS) = await standalonePage.OpenAsync(standaloneToken);
        var (pageF, formF) = await functionsPage.OpenAsync(functionsToken);
        Assert.Equal(HttpStatusCode.OK, pageS.Status);
        Assert.Equal(pageS, pageF with { Body = pageF.Body.Replace(functionsToken, standaloneToken, StringComparison.Ordinal) });

        var postS = await standalonePage.SubmitAsync(standaloneToken, formS, "Anna Andersson");
        var postF = await functionsPage.SubmitAsync(functionsToken, formF, "Anna Andersson");
        Assert.Equal(HttpStatusCode.OK, postS.Status);
        Assert.Equal(postS, postF with { Body = postF.Body.Replace(functionsToken, standaloneToken, StringComparison.Ordinal) });

        var (unknownS, _) = await standalonePage.OpenAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var (unknownF, _) = await functionsPage.OpenAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknownS.Status);
        Assert.Equal(unknownS, unknownF);
    }

    [Theory]
    [InlineData("/api/statistics")]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/rapport")]
    public async Task The_steering_group_sees_the_same_dashboard_and_statistics_and_others_are_refused_alike(string path)
    {
        // Each host's own sign-in: the standalone service's OpenID Connect session, the Functions app's App Service header.
        using var steering = await OidcProvider.SignedInClientAsync(hosts.StandaloneUrl, OidcProvider.SteeringGroupUser);
        using var withoutRole = await OidcProvider.SignedInClientAsync(hosts.StandaloneUrl, OidcProvider.UserWithoutRole);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(hosts.StandaloneUrl) };

        var standalone = await Answer.ReadAsync(await steering.GetAsync(path));
        var functions = await Answer.ReadAsync(await Get(hosts.Functions.Http, path, SteeringPrincipal("Styrgrupp")));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Equal(standalone, functions);

        Assert.Equal(HttpStatusCode.Forbidden, (await withoutRole.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(hosts.Functions.Http, path, SteeringPrincipal("Annan roll"))).StatusCode);

        // Not signed in: the standalone service sends a person to its provider and answers a program 401; it never reads the header.
        var notSignedIn = await Get(anonymous, path, SteeringPrincipal("Styrgrupp"));
        Assert.Equal(path.StartsWith("/api/", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(hosts.Functions.Http, path, principal: null)).StatusCode);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_with_the_same_200_and_body()
    {
        var (standalone, functions) = await this.BothAsync(c => c.GetAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Equal("Healthy", standalone.Body);
        Assert.Equal(standalone, functions);

        (standalone, functions) = await this.BothAsync(c => c.GetAsync("/readyz"));
        Assert.Equal(HttpStatusCode.OK, standalone.Status);
        Assert.Contains("\"durable backend\":\"Healthy\"", standalone.Body, StringComparison.Ordinal);
        Assert.Equal(standalone, functions);
    }

    [Theory]
    [InlineData("/api/statistics", "application/problem+json")]
    [InlineData("/dashboard", "text/html")]
    public async Task Without_App_Service_Authentication_the_Functions_app_does_not_serve_the_dashboard_even_to_a_principal_header(string path, string contentType)
    {
        await using var unprotected = await FunctionsTestApp.StartAsync(Engine.Ours, TestSettings.PublicBaseUrl);

        using var response = await Get(unprotected.Http, path, SteeringPrincipal("Styrgrupp"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Inloggningen är inte konfigurerad", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string? principal)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }

        return client.SendAsync(request);
    }

    /// <summary>What App Service Authentication puts in X-MS-CLIENT-PRINCIPAL for an Entra user with one app role.</summary>
    private static string SteeringPrincipal(string role) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Eva Styrgrupp"},{"typ":"roles","val":"{{role}}"}]}"""));

    private async Task<(Answer Standalone, Answer Functions)> BothAsync(Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var s = await call(hosts.Standalone);
        using var f = await call(hosts.Functions.Http);
        return (await Answer.ReadAsync(s), await Answer.ReadAsync(f));
    }

    private static Task<string> NewTokenAsync(IServiceProvider services, string transitionId, string unitId) =>
        services.GetRequiredService<AcknowledgementTokens>().CreateAsync(transitionId, unitId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7), CancellationToken.None);

    private static async Task<JsonElement> WaitNotifiedAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await client.GetAsync($"/api/transitions/{id}");
            if (response.IsSuccessStatusCode)
            {
                var view = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (view.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                    && status.GetProperty("units") is { ValueKind: JsonValueKind.Array } units && units.GetArrayLength() > 0
                    && units.EnumerateArray().All(u => u.TryGetProperty("notifiedAt", out var at) && at.ValueKind == JsonValueKind.String))
                {
                    return view;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"transition {id} was not notified in time");
            await Task.Delay(100);
        }
    }

    /// <summary>A browser without JavaScript: keeps the antiforgery cookie, posts the page's hidden fields and a name.</summary>
    private sealed partial class AckBrowser(Uri baseAddress)
    {
        private readonly HttpClient client = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

        public async Task<(Answer Page, Dictionary<string, string> Fields)> OpenAsync(string token)
        {
            using var response = await this.client.GetAsync($"/ack/{token}");
            var html = await response.Content.ReadAsStringAsync();
            var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["n"].Value), m => WebUtility.HtmlDecode(m.Groups["v"].Value));
            return (Page(response.StatusCode, response.Content.Headers.ContentType?.ToString(), html), fields);
        }

        public async Task<Answer> SubmitAsync(string token, Dictionary<string, string> fields, string name)
        {
            using var response = await this.client.PostAsync($"/ack/{token}", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["name"] = name }));
            return Page(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
        }

        // The acknowledgement's time is each host's own; antiforgery values are random per page; each host gave its own reference.
        private static Answer Page(HttpStatusCode status, string? type, string html) =>
            new(status, type, null, Answer.Reference().Replace(Clock().Replace(AntiforgeryValue().Replace(html, "value=\"<antiforgery>\""), "<time>"), "<reference>"));

        [GeneratedRegex("<input type=\"hidden\" name=\"(?<n>[^\"]+)\" value=\"(?<v>[^\"]*)\">")]
        private static partial Regex HiddenInput();

        [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
        private static partial Regex AntiforgeryValue();

        [GeneratedRegex(@"\d{1,2}:\d{2}")]
        private static partial Regex Clock();
    }
}
