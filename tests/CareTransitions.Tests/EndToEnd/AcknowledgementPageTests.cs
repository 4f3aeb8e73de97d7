using System.Net;
using System.Text.Json;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The page behind the email link: only POST acknowledges, repeats are harmless, bad links get friendly pages.</summary>
public abstract class AcknowledgementPageTests(ServiceFixture fixture)
{
    private readonly ServiceHost service = fixture.Service;
    private readonly Maildev mail = fixture.Mail;

    [Fact]
    public async Task Following_the_link_shows_a_Swedish_page_and_does_not_acknowledge()
    {
        var (id, episode, email) = await this.StartAsync();
        using var client = new HttpClient();

        var page = await client.GetStringAsync(email.AckLink);
        await client.GetStringAsync(email.AckLink);

        Assert.Contains("lang=\"sv\"", page, StringComparison.Ordinal);
        Assert.Contains(">Kvittera</button>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"name\">", page, StringComparison.Ordinal);
        Assert.Contains("Avdelning 12 Medicin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("121212", page, StringComparison.Ordinal);
        var status = await this.service.SendMarkerAndWaitAsync(id, episode);
        Assert.All(ServiceHost.Units(status), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("acknowledgedAt").ValueKind));
    }

    [Fact]
    public async Task A_second_acknowledgement_is_harmless_and_says_it_was_already_acknowledged()
    {
        var (id, _, email) = await this.StartAsync();

        // Two colleagues open the same link; both press Kvittera.
        using var bertil = await AcknowledgementPage.OpenAsync(email.AckLink);
        using var cecilia = await AcknowledgementPage.OpenAsync(email.AckLink);
        var first = await bertil.SubmitAsync("Bertil Berg");
        var second = await cecilia.SubmitAsync("Cecilia Ek");
        using var againLater = new HttpClient();
        var reopened = await againLater.GetStringAsync(email.AckLink);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Tack, vårdövergången är kvitterad", first.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("Redan kvitterad", second.Html, StringComparison.Ordinal);
        Assert.Contains("Bertil Berg", second.Html, StringComparison.Ordinal);
        Assert.Contains("Redan kvitterad", reopened, StringComparison.Ordinal);
        var status = await this.service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String));
        Assert.Equal(["Bertil Berg"], ServiceHost.Units(status).Select(u => u.GetProperty("acknowledgedBy").GetString()).OfType<string>().ToArray());
    }

    [Fact]
    public async Task A_post_without_a_name_is_refused_and_does_not_acknowledge()
    {
        var (id, episode, email) = await this.StartAsync();

        var (status, html) = await ServiceHost.AcknowledgeAsync(email.AckLink, "  ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        var after = await this.service.SendMarkerAndWaitAsync(id, episode);
        Assert.All(ServiceHost.Units(after), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("acknowledgedAt").ValueKind));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_field_does_not_acknowledge()
    {
        var (id, episode, email) = await this.StartAsync();
        using var client = new HttpClient();
        var token = email.AckLink[(email.AckLink.LastIndexOf('/') + 1)..];

        using var response = await client.PostAsync(email.AckLink, new FormUrlEncodedContent([new("name", "Mallory"), new("ackToken", token)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sidan var för gammal", html, StringComparison.Ordinal);
        Assert.Contains(">Kvittera</button>", html, StringComparison.Ordinal);
        var after = await this.service.SendMarkerAndWaitAsync(id, episode);
        Assert.All(ServiceHost.Units(after), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("acknowledgedAt").ValueKind));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task An_unknown_link_gets_a_friendly_404_page(string token)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync($"{this.service.BaseUrl}/ack/{token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Länken finns inte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(string Id, string Episode, ReceivedEmail Email)> StartAsync()
    {
        var episode = TestMessages.NewEpisode();
        var id = await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: []));
        var email = (await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.To.StartsWith("utskrivning@", StringComparison.Ordinal), 1))[0];
        return (id, episode, email);
    }
}

/// <summary>The acknowledgement page on SQLite files.</summary>
public sealed class AcknowledgementPageOnSqliteTests(ServiceFixture fixture) : AcknowledgementPageTests(fixture), IClassFixture<ServiceFixture>;

/// <summary>The acknowledgement page on PostgreSQL (app data, statistics and the durable backend in one database).</summary>
public sealed class AcknowledgementPageOnPostgresTests(PostgresServiceFixture fixture) : AcknowledgementPageTests(fixture), IClassFixture<PostgresServiceFixture>;

/// <summary>Links that outlive their lifetime, and a client that clicks too often.</summary>
public sealed class AcknowledgementLimitsTests
{
    [Fact]
    public async Task An_expired_link_gets_a_friendly_410_page_and_cannot_acknowledge()
    {
        // The service's clock is a fake one: the link runs out when the test moves the clock past its lifetime.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, store: null, s => s.AddSingleton<TimeProvider>(clock), "--Acknowledgements:TokenLifetime=00:00:05");
        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        var email = (await mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 1))[0];
        using var page = await AcknowledgementPage.OpenAsync(email.AckLink);
        clock.Advance(TimeSpan.FromSeconds(6));

        using var client = new HttpClient();
        using var get = await client.GetAsync(email.AckLink);
        var post = await page.SubmitAsync("Sen");

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Contains("Länken har gått ut", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        var status = await service.GetTransitionAsync(id);
        Assert.All(ServiceHost.Units(status), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("acknowledgedAt").ValueKind));
    }

    [Fact]
    public async Task The_acknowledgement_pages_are_rate_limited()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, "--Acknowledgements:PermitsPerMinute=3");
        using var client = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        string? retryAfter = null;
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync($"{service.BaseUrl}/ack/unknown-token-{i}");
            statuses.Add(response.StatusCode);
            refusal = await response.Content.ReadAsStringAsync();
            retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // Staff who hit it read why, in Swedish, and when to try again.
        Assert.Contains("För många försök", refusal, StringComparison.Ordinal);
        Assert.InRange(double.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task The_SIP_answer_pages_share_the_acknowledgement_pages_limit_per_client()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, "--Acknowledgements:PermitsPerMinute=3");
        using var client = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/ack/unknown-token", "/sip/unknown-token-1", "/sip/unknown-token-2", "/sip/unknown-token-3", "/ack/unknown-token" })
        {
            using var response = await client.GetAsync($"{service.BaseUrl}{path}");
            statuses.Add(response.StatusCode);
        }

        // A guesser of SIP tokens spends the same permits as one of acknowledgement tokens.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_forwarded_address_is_believed_only_from_a_configured_proxy()
    {
        await using var mail = await Maildev.StartAsync();
        await using var direct = await ServiceHost.StartAsync(mail, "--Acknowledgements:PermitsPerMinute=3");
        await using var behindProxy = await ServiceHost.StartAsync(mail, "--Acknowledgements:PermitsPerMinute=3", "--ForwardedHeaders:KnownProxies=127.0.0.1");
        using var client = new HttpClient();

        // From a caller that is no configured proxy, a new X-Forwarded-For per request does not buy a new bucket.
        var fromAnyone = await StatusesAsync(client, direct.BaseUrl, forwardedFor: i => $"203.0.113.{i}");
        // From the configured proxy, each forwarded client has its own: one client's burst leaves the next one served.
        var throughProxy = await StatusesAsync(client, behindProxy.BaseUrl, forwardedFor: i => i < 4 ? "203.0.113.1" : "203.0.113.2");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], fromAnyone);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.NotFound], throughProxy);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string baseUrl, Func<int, string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/ack/unknown-token-{i}");
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }
}
