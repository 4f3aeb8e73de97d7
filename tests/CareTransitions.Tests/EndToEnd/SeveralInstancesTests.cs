using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Platform.Outcomes;
using Testing;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>Two service instances, started at the same moment, on one PostgreSQL database and one SMTP server.</summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public TestStore Store { get; private set; } = null!;

    public Maildev Mail { get; private set; } = null!;

    public OidcProvider SignIn { get; private set; } = null!;

    public ServiceHost First { get; private set; } = null!;

    public ServiceHost Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        this.Store = await TestStore.CreateAsync(TestStore.Postgres);
        this.Mail = await Maildev.StartAsync();
        this.SignIn = await OidcProvider.StartAsync();
        // At once: both create or migrate the schemas of a new database (app, statistics, durable) together.
        var hosts = await Task.WhenAll(ServiceHost.StartAsync(this.Mail, this.Store, this.SignIn.ServiceSettings), ServiceHost.StartAsync(this.Mail, this.Store, this.SignIn.ServiceSettings));
        (this.First, this.Second) = (hosts[0], hosts[1]);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(this.First.DisposeAsync().AsTask(), this.Second.DisposeAsync().AsTask());
        await this.Mail.DisposeAsync();
        await this.SignIn.DisposeAsync();
        await this.Store.DisposeAsync();
    }
}

/// <summary>What several instances behind one address must never do twice, and what each must see of the others' work.</summary>
public sealed class SeveralInstancesTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private readonly ServiceHost first = fixture.First;
    private readonly ServiceHost second = fixture.Second;
    private readonly Maildev mail = fixture.Mail;

    [Fact]
    public async Task The_same_acknowledgement_clicked_on_both_instances_at_once_is_recorded_once()
    {
        var id = await this.first.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        var emails = await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        foreach (var email in emails)
        {
            // Each page is served by one instance and posted to the other: the antiforgery token crosses over too.
            using var bertil = await AcknowledgementPage.OpenAsync(email.AckLink);
            using var cecilia = await AcknowledgementPage.OpenAsync(email.AckLink.Replace(this.first.BaseUrl, this.second.BaseUrl, StringComparison.Ordinal));
            var answers = await Task.WhenAll(bertil.SubmitAsync("Bertil Berg", this.second.BaseUrl), cecilia.SubmitAsync("Cecilia Ek", this.first.BaseUrl));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.Single(answers, a => a.Html.Contains("Tack, vårdövergången är kvitterad", StringComparison.Ordinal));
            Assert.Single(answers, a => a.Html.Contains("Redan kvitterad", StringComparison.Ordinal));
        }

        // The key ring both instances validate those tokens with lives in the database, not in either process.
        Assert.True(await fixture.Store.QueryAsync<long>("SELECT count(*) FROM app.data_protection_keys") >= 1);
        // Encrypted at rest: no key's secret is readable from the table (in the clear it is <masterKey>…<value>).
        Assert.Equal(0L, await fixture.Store.QueryAsync<long>("SELECT count(*) FROM app.data_protection_keys WHERE xml LIKE '%<masterKey%' OR xml NOT LIKE '%encryptedKeyRingSecret%'"));
        var done = await this.second.WaitForAsync(id, t => ServiceHost.Units(t).All(u => u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String));
        var audit = await this.first.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id);
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.Acknowledged));
        Assert.All(ServiceHost.Units(done), u =>
            Assert.Single(audit, a => a.Action == AuditActions.Acknowledged && a.UnitId == u.GetProperty("unitId").GetString()
                && a.Actor.StartsWith(u.GetProperty("acknowledgedBy").GetString()!, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_same_discharge_message_posted_to_both_instances_at_once_starts_one_transition()
    {
        for (var round = 0; round < 3; round++)
        {
            var episode = TestMessages.NewEpisode();
            var message = TestMessages.Create("ReadyForDischarge", episode, needs: []);
            var messageId = message["messageId"]!.GetValue<string>();
            var ids = await Task.WhenAll(this.first.SubmitAsync(message), this.second.SubmitAsync(message));
            var id = ids[0];
            Assert.Equal(id, ids[1]);

            await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);
            await this.second.WaitForAsync(id, t => ServiceHost.Units(t).Count() == 2 && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
            await this.second.SendMarkerAndWaitAsync(id, episode);

            Assert.Equal(1L, await fixture.Store.QueryAsync<long>($"SELECT count(*) FROM durable.history WHERE instance_id = '{id}' AND event_type = 'ExecutionStarted'"));
            Assert.Equal(1L, await fixture.Store.QueryAsync<long>($"SELECT count(DISTINCT execution_id) FROM durable.history WHERE instance_id = '{id}'"));
            Assert.Equal(1L, await fixture.Store.QueryAsync<long>($"SELECT count(*) FROM app.processed_messages WHERE message_id = '{messageId}'"));
            var audit = await this.second.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id);
            Assert.Single(audit, a => a.Action == AuditActions.MessageReceived && a.Detail!.Contains(messageId, StringComparison.Ordinal));
            Assert.Equal(2, audit.Count(a => a.Action == AuditActions.EmailSent));
            Assert.Equal(2, (await this.mail.AllAsync()).Count(e => e.MessageId.Contains(id, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task An_outcome_recorded_through_one_instance_shows_on_the_other_instances_statistics_within_seconds()
    {
        // Signed in at the first instance; the session cookie opens the second too (one data-protection key ring in PostgreSQL).
        using var steering = await OidcProvider.SignedInClientAsync(this.first.BaseUrl, OidcProvider.SteeringGroupUser);
        const string municipality = "1489"; // Alingsås: no other test records outcomes there
        var before = await EpisodesAsync(steering, this.second.BaseUrl, municipality);

        var now = DateTimeOffset.UtcNow;
        await this.first.Services.GetRequiredService<IOutcomeRecorder>().RecordAsync(new TransitionOutcome(
            $"ct-outcome-{Guid.NewGuid():N}", "p-outcome", municipality, TestMessages.WardHsaId, "Avdelning 12 Medicin", "Somatic", ["HomeCare"],
            now.AddDays(-3), now.AddDays(-3), false, now.AddDays(-1), now, 1, 0, 0, "Default3Days", false, null,
            [new UnitOutcome("1489-samordning", "MunicipalCoordination", now.AddDays(-1), null, null, now.AddHours(-20))], now));

        var after = await Eventually.ReadAsync(
            () => EpisodesAsync(steering, this.second.BaseUrl, municipality), n => n != before, "the outcome on the second instance's statistics", TimeSpan.FromSeconds(5));

        Assert.Equal(before + 1, after);
    }

    private static async Task<long> EpisodesAsync(HttpClient steering, string instance, string municipality)
    {
        using var response = await steering.GetAsync($"{instance}/api/statistics?municipality={municipality}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("period").GetProperty("episodes").GetInt64();
    }
}
