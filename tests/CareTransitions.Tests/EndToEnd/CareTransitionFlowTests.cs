using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.Outcomes;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The whole path: intake → orchestration → email in a real SMTP server → link → acknowledged status → outcome.</summary>
public abstract class CareTransitionFlowTests(ServiceFixture fixture)
{
    private readonly ServiceHost service = fixture.Service;
    private readonly Maildev mail = fixture.Mail;

    [Fact]
    public async Task A_ready_for_discharge_message_emails_every_routed_unit_and_completes_once_all_acknowledge_and_the_patient_is_discharged()
    {
        var episode = TestMessages.NewEpisode();
        var id = await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare", "Rehabilitation", "PalliativeCare"]));

        var emails = await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 5);
        Assert.Equal(
            ["hemsjukvard@goteborg.example.se", "palliativ.goteborg@region.example.se", "rehab@goteborg.example.se", "utskrivning@goteborg.example.se", "vardcentral.goteborg@region.example.se"],
            emails.Select(e => e.To).Order().ToArray());
        foreach (var email in emails)
        {
            Assert.DoesNotContain("121212", email.Text + email.Html + email.Subject, StringComparison.Ordinal);
            Assert.Contains("Avdelning 12 Medicin", email.Text, StringComparison.Ordinal);
            Assert.Contains("<a href=", email.Html, StringComparison.Ordinal);
            Assert.StartsWith(this.service.BaseUrl + "/ack/", email.AckLink, StringComparison.Ordinal);
        }

        foreach (var email in emails)
        {
            var (status, html) = await ServiceHost.AcknowledgeAsync(email.AckLink, "Anna Andersson");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("kvitterad", html, StringComparison.Ordinal);
        }

        var acknowledged = await this.service.WaitForAsync(id, t => ServiceHost.Units(t).All(u => u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String));
        Assert.All(ServiceHost.Units(acknowledged), u => Assert.Equal("Anna Andersson", u.GetProperty("acknowledgedBy").GetString()));
        Assert.Equal("Running", acknowledged.GetProperty("runtimeStatus").GetString());

        await this.service.SubmitAsync(TestMessages.Create("Discharged", episode));
        var done = await this.service.WaitForAsync(id, t => t.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal("Completed", done.GetProperty("status").GetProperty("phase").GetString());

        var outcome = (await this.service.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true))!
            .ReadOutputAs<TransitionOutcome>()!;
        Assert.Equal(5, outcome.Units.Count);
        Assert.All(outcome.Units, u => Assert.NotNull(u.AcknowledgedAt));
        Assert.Equal(64, outcome.PatientPseudonym.Length);
        Assert.DoesNotContain("191212", outcome.PatientPseudonym, StringComparison.Ordinal);
        Assert.True(outcome.SipRequired);
        // Nobody called the SIP meeting: the acknowledgements do not stand in for the call any more.
        Assert.Null(outcome.SipCalledAt);
        Assert.True(outcome.SipCallRecorded);

        // The episode is over: a further message is refused rather than silently starting it again.
        using var late = await this.service.Api.PostAsJsonAsync("/api/transitions", TestMessages.Create("DischargeDateChanged", episode));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        var audit = await this.service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id);
        Assert.Contains(audit, a => a.Action == AuditActions.MessageReceived);
        Assert.Equal(5, audit.Count(a => a.Action == AuditActions.Acknowledged));
        Assert.Equal(5, audit.Count(a => a.Action == AuditActions.AcknowledgementPageViewed));
        Assert.True(audit.Count(a => a.Action == AuditActions.EmailSent) >= 5);
    }

    [Fact]
    public async Task Later_messages_of_the_episode_reach_the_running_transition_and_are_emailed_to_its_units()
    {
        var episode = TestMessages.NewEpisode();
        var id = await this.service.SubmitAsync(TestMessages.Create("AdmissionNotice", episode, needs: []));
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        Assert.Equal(id, await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare"])));
        Assert.Equal(id, await this.service.SubmitAsync(TestMessages.Create("Withdrawn", episode, needs: [])));
        Assert.Equal(id, await this.service.SubmitAsync(TestMessages.Create("DischargeDateChanged", episode, needs: [], expectedDischargeDate: "2026-12-24")));

        // The new need adds home health care. The two earlier units hear at once that the patient is ready; the withdrawal
        // and the new date, which follow within the update window, reach them together in one email when it ends.
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.To.StartsWith("hemsjukvard@", StringComparison.Ordinal), 1);
        var updates = await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.MessageId.StartsWith("<update", StringComparison.Ordinal), 6);
        var earlier = updates.Where(e => !e.To.StartsWith("hemsjukvard@", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, earlier.Count);
        Assert.Equal(2, earlier.Count(e => e.Subject.StartsWith("Patienten är utskrivningsklar", StringComparison.Ordinal)));
        var together = earlier.Where(e => e.Subject.StartsWith("Ny information (2 ändringar)", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, together.Count);
        Assert.All(together, e =>
        {
            var withdrawn = e.Text.IndexOf("- Avbrott: patienten är inte längre utskrivningsklar", StringComparison.Ordinal);
            Assert.InRange(withdrawn, 0, e.Text.IndexOf("- Ändrat planerat utskrivningsdatum", StringComparison.Ordinal));
            Assert.Contains("Planerat utskrivningsdatum: 24 december 2026", e.Text, StringComparison.Ordinal);
        });
        // Home health care had no update yet: the withdrawal goes at once, the new date after the window.
        var homeHealthCare = updates.Where(e => e.To.StartsWith("hemsjukvard@", StringComparison.Ordinal)).Select(e => e.Subject).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, homeHealthCare.Length);
        Assert.StartsWith("Avbrott", homeHealthCare[0], StringComparison.Ordinal);
        Assert.StartsWith("Ändrat planerat utskrivningsdatum", homeHealthCare[1], StringComparison.Ordinal);
        var status = await this.service.WaitForAsync(id, t => t.GetProperty("status").GetProperty("phase").GetString() == "Withdrawn");
        Assert.Equal(1, status.GetProperty("status").GetProperty("deadlines").GetProperty("withdrawalCount").GetInt32());
        Assert.Equal("2026-12-24", status.GetProperty("status").GetProperty("expectedDischargeDate").GetString());
        Assert.Equal(3, ServiceHost.Units(status).Count());
    }

    [Fact]
    public async Task Thirty_interleaved_messages_reach_each_unit_in_a_few_emails_that_together_tell_every_change()
    {
        var episode = TestMessages.NewEpisode();
        var id = await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: []));
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        var posting = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            var message = (i % 3) switch
            {
                0 => TestMessages.Create("Withdrawn", episode, needs: []),
                1 => TestMessages.Create("ReadyForDischarge", episode, needs: []),
                // The last message (i = 29) carries a date no earlier one does: its email is the last each unit gets.
                _ => TestMessages.Create("DischargeDateChanged", episode, needs: [], expectedDischargeDate: i == 29 ? "2026-12-31" : $"2026-12-{10 + (i / 3):00}"),
            };
            Assert.Equal(id, await this.service.SubmitAsync(message));
        }

        var elapsed = posting.Elapsed;
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.Text.Contains("Planerat utskrivningsdatum: 31 december 2026", StringComparison.Ordinal), 2);
        var updates = (await this.mail.AllAsync()).Where(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.MessageId.StartsWith("<update", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(updates);
        var byUnit = updates.GroupBy(e => e.To).ToList();
        Assert.Equal(2, byUnit.Count);
        // One at once, then at most one per two-second window while messages keep coming, then the last batch.
        var bound = 2 + (int)Math.Ceiling(elapsed.TotalSeconds / 2);
        foreach (var unit in byUnit)
        {
            Assert.InRange(unit.Count(), 2, Math.Min(bound, 29));
            Assert.Equal(30, unit.Sum(ChangesTold));
        }
    }

    private static int ChangesTold(ReceivedEmail email)
    {
        var batch = System.Text.RegularExpressions.Regex.Match(email.Subject, @"^Ny information \((\d+) ändringar\)");
        return batch.Success ? int.Parse(batch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
    }

    [Fact]
    public async Task Two_messages_of_a_new_episode_arriving_at_once_start_one_transition_that_takes_both()
    {
        var episode = TestMessages.NewEpisode();
        var ids = await Task.WhenAll(
            this.service.SubmitAsync(TestMessages.Create("AdmissionNotice", episode, needs: [])),
            this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare"])));

        Assert.Equal(ids[0], ids[1]);
        // A second start of the running instance would have restarted it and lost the first message.
        var status = await this.service.WaitForAsync(ids[0], t =>
            t.GetProperty("status").GetProperty("deadlines").GetProperty("admittedAt").ValueKind == JsonValueKind.String
            && t.GetProperty("status").GetProperty("deadlines").GetProperty("readyForDischargeAt").ValueKind == JsonValueKind.String
            && ServiceHost.Units(t).Count() == 3);
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task The_same_messageId_again_returns_the_same_id_and_sends_nothing_new()
    {
        var episode = TestMessages.NewEpisode();
        var message = TestMessages.Create("ReadyForDischarge", episode, needs: []);
        var id = await this.service.SubmitAsync(message);
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        Assert.Equal(id, await this.service.SubmitAsync(message));
        await this.service.SendMarkerAndWaitAsync(id, episode);
        Assert.Equal(2, (await this.mail.AllAsync()).Count(e => e.MessageId.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_queue_shaped_message_goes_through_the_same_intake_and_starts_the_transition()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "0980", needs: ["AssistiveDevices"]);
        var envelope = new { Data = new { message = message.ToJsonString() }, Metadata = new { MessageId = "sb-1", DeliveryCount = 1 } };
        using var response = await this.service.Api.PostAsJsonAsync("/api/queues/transitions", envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ReturnValue").GetProperty("Id").GetString()!;

        var emails = await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 3);
        Assert.Contains(emails, e => e.To == "rehab@gotland.example.se" && e.Text.Contains("Ansvar för hjälpmedel", StringComparison.Ordinal));
        using var again = await this.service.Api.PostAsJsonAsync("/api/transitions", message);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_retired_custom_handler_route_is_gone_and_starts_nothing_even_from_loopback()
    {
        // Behind a reverse proxy every caller looks like loopback: the route admitted anyone, without a key.
        var episode = TestMessages.NewEpisode();
        var envelope = new { Data = new { message = TestMessages.Create("AdmissionNotice", episode, needs: []) }, Metadata = new { MessageId = "sb-2", DeliveryCount = 1 } };
        using var anonymous = new HttpClient { BaseAddress = new Uri(this.service.BaseUrl) };

        using var upper = await anonymous.PostAsJsonAsync("/TransitionsQueue", envelope);
        using var lower = await anonymous.PostAsJsonAsync("/transitionsqueue", envelope);

        Assert.Equal(HttpStatusCode.NotFound, upper.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lower.StatusCode);
        using var status = await this.service.Api.GetAsync($"/api/transitions/{CareTransitions.Intake.TransitionIds.For(TestMessages.WardHsaId, episode)}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task Coordinators_can_list_transitions_by_municipality_and_status()
    {
        var id = await this.service.SubmitAsync(TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), municipalityCode: "1286", needs: []));
        await this.service.WaitForAsync(id, t => t.GetProperty("status").GetProperty("phase").GetString() == "Admitted");

        var list = await this.service.Api.GetFromJsonAsync<JsonElement>("/api/transitions?municipalityCode=1286&status=Running");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == id);
        Assert.All(items, i => Assert.Equal("1286", i.GetProperty("status").GetProperty("municipalityCode").GetString()));

        var none = await this.service.Api.GetFromJsonAsync<JsonElement>("/api/transitions?municipalityCode=1286&status=Completed");
        Assert.DoesNotContain(none.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

        // The dashboard's "just nu" figures come from the same running transitions.
        var open = await this.service.Services.GetRequiredService<Dashboard.IOpenTransitionsSource>()
            .CountAsync(new Dashboard.OpenTransitionsQuery("1286", null, null, []));
        Assert.True(open is { Open: >= 1, AwaitingAcknowledgement: >= 1 });
        Assert.Equal(new Dashboard.OpenTransitionCounts(0, 0, 0), await this.service.Services.GetRequiredService<Dashboard.IOpenTransitionsSource>()
            .CountAsync(new Dashboard.OpenTransitionsQuery("1286", null, "Psychiatric", [])));
    }

    [Fact]
    public async Task The_terminate_and_purge_URLs_stop_and_remove_a_transition_whose_links_then_say_it_is_gone()
    {
        var message = TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []);
        using var accepted = await this.service.Api.PostAsJsonAsync("/api/transitions", message);
        var urls = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var id = urls.GetProperty("id").GetString()!;
        var email = (await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 1))[0];

        using var tooEarly = await this.service.Api.DeleteAsync(urls.GetProperty("purgeHistoryDeleteUri").GetString());
        using var terminated = await this.service.Api.PostAsync(urls.GetProperty("terminatePostUri").GetString()!.Replace("{text}", "test", StringComparison.Ordinal), null);
        await this.service.WaitForAsync(id, t => t.GetProperty("runtimeStatus").GetString() == "Terminated");
        using var purged = await this.service.Api.DeleteAsync(urls.GetProperty("purgeHistoryDeleteUri").GetString());
        using var gone = await this.service.Api.GetAsync(urls.GetProperty("statusQueryGetUri").GetString());
        using var link = await new HttpClient().GetAsync(email.AckLink);

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, link.StatusCode);
        var audit = await this.service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id);
        Assert.Contains(audit, a => a.Action == AuditActions.TransitionTerminated && a.Detail == "test");
        Assert.Contains(audit, a => a.Action == AuditActions.TransitionPurged);
    }

    [Fact]
    public async Task The_service_answers_health_and_publishes_an_OpenAPI_document()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(this.service.BaseUrl) };
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/healthz"));
        var openApi = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/transitions", out _));
        Assert.True(paths.TryGetProperty("/api/transitions/{id}", out _));
        Assert.True(paths.TryGetProperty("/ack/{token}", out _));
        var schemas = openApi.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("IntakeMessageSchema", out var intake));
        Assert.True(intake.GetProperty("properties").TryGetProperty("episodeId", out _));
    }

    [Fact]
    public async Task The_service_is_ready_when_the_app_store_the_statistics_store_the_durable_backend_and_the_mail_server_answer()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(this.service.BaseUrl) };
        using var response = await anonymous.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal(
            [("app store", "Healthy"), ("durable backend", "Healthy"), ("smtp", "Healthy"), ("statistics store", "Healthy")],
            checks.EnumerateObject().Select(c => (c.Name, c.Value.GetString()!)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task An_unknown_transition_id_is_a_404_problem()
    {
        using var response = await this.service.Api.GetAsync("/api/transitions/ct-doesnotexist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>The flow on SQLite files.</summary>
public sealed class CareTransitionFlowOnSqliteTests(ServiceFixture fixture) : CareTransitionFlowTests(fixture), IClassFixture<ServiceFixture>;

/// <summary>The flow on PostgreSQL (app data, statistics and the durable backend in one database).</summary>
public sealed class CareTransitionFlowOnPostgresTests(PostgresServiceFixture fixture) : CareTransitionFlowTests(fixture), IClassFixture<PostgresServiceFixture>;
