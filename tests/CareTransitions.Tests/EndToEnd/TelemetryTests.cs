using System.Diagnostics;
using Azure.Storage.Queues;
using CareTransitions.Intake;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Testing;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// Metrics are process-wide by Meter name, so these run alone: no other test's service counts into what they read.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// The real service (HTTP on loopback, SQLite, maildev, the queue on Azurite) with the in-memory exporters added
/// to its own OpenTelemetry registration: one discharge message is followed through one trace, and the metrics count it.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IAsyncLifetime
{
    // The exporters add from their own threads while the test reads.
    private readonly LockedCollection<Activity> spans = new();
    private readonly LockedCollection<MetricSnapshot> metrics = new();
    private Maildev mail = null!;
    private Azurite azurite = null!;
    private ServiceHost service = null!;

    public async Task InitializeAsync()
    {
        this.mail = await Maildev.StartAsync();
        this.azurite = await Azurite.StartAsync();
        this.service = await ServiceHost.StartAsync(
            this.mail,
            store: null,
            services => services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(this.spans))
                .WithMetrics(metering => metering.AddInMemoryExporter(this.metrics)),
            $"--Intake:Queue:ConnectionString={this.azurite.ConnectionString}",
            "--Intake:Queue:MaxPollingInterval=00:00:00.500");
    }

    public async Task DisposeAsync()
    {
        await this.service.DisposeAsync();
        await this.azurite.DisposeAsync();
        await this.mail.DisposeAsync();
    }

    [Fact]
    public async Task One_posted_discharge_message_is_one_trace_from_the_request_through_the_orchestration_and_its_activities_to_each_email()
    {
        var episode = TestMessages.NewEpisode();
        var id = await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", episode, needs: []));
        var emails = await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);
        foreach (var email in emails)
        {
            await ServiceHost.AcknowledgeAsync(email.AckLink, "Anna Andersson");
        }

        // Microsoft's worker exports the orchestration's span when the orchestration completes.
        await this.service.WaitForAsync(id, t => ServiceHost.Units(t).All(u => u.GetProperty("acknowledgedAt").ValueKind == System.Text.Json.JsonValueKind.String));
        await this.service.SubmitAsync(TestMessages.Create("Discharged", episode, needs: []));
        await this.service.WaitForAsync(id, t => t.GetProperty("runtimeStatus").GetString() == "Completed");
        var trace = await this.WaitForTraceAsync(id, t => t.Any(s => s.DisplayName == "orchestration:CareTransitionOrchestrator"));

        var request = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName == "POST /api/transitions/");
        var intake = Assert.Single(trace, s => s.DisplayName == "intake message");
        Assert.Equal(request.SpanId, intake.ParentSpanId);
        Assert.Equal("accepted", intake.GetTagItem("caretransitions.outcome"));
        var create = Assert.Single(trace, s => s.DisplayName == "create_orchestration:CareTransitionOrchestrator");
        Assert.Equal(intake.SpanId, create.ParentSpanId);
        var orchestration = Assert.Single(trace, s => s.DisplayName == "orchestration:CareTransitionOrchestrator");
        Assert.Equal(create.SpanId, orchestration.ParentSpanId);

        // Each activity call: a client span under the orchestration, the activity's run under it.
        var calls = trace.Where(s => s.DisplayName.StartsWith("activity:", StringComparison.Ordinal) && s.Kind == ActivityKind.Client).ToList();
        var runs = trace.Where(s => s.DisplayName.StartsWith("activity:", StringComparison.Ordinal) && s.Kind == ActivityKind.Server).ToList();
        Assert.All(calls, c => Assert.Equal(orchestration.SpanId, c.ParentSpanId));
        Assert.All(runs, r => Assert.Contains(calls, c => c.SpanId == r.ParentSpanId && c.DisplayName == r.DisplayName));
        // Each message is routed (the discharge may add needs).
        Assert.Equal(2, runs.Count(r => r.DisplayName == "activity:RouteUnits"));
        Assert.Single(runs, r => r.DisplayName == "activity:RecordOutcome");
        var notifications = runs.Where(r => r.DisplayName == "activity:NotifyUnit").ToList();
        // Two notifications, then the discharge's update to each unit.
        Assert.Equal(4, notifications.Count);
        var sends = trace.Where(s => s.DisplayName == "send email").ToList();
        Assert.Equal(4, sends.Count);
        Assert.All(sends, send => Assert.Contains(notifications, n => n.SpanId == send.ParentSpanId));
        Assert.All(sends, send => Assert.Equal(id, send.GetTagItem("caretransitions.transition_id")));

        // One root (the test's own HTTP call), and every other span hangs from a span of the same trace: no gaps.
        Assert.Single(trace, s => s.ParentSpanId == default);
        var known = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s.ParentSpanId != default), s => Assert.Contains(s.ParentSpanId, known));

        // An acknowledgement is its own request (its trace starts at the link), with our span inside and no token in the path.
        var acknowledgement = this.Snapshot().First(s => s.DisplayName == "acknowledge" && Equals(s.GetTagItem("caretransitions.transition_id"), id));
        var acknowledgementRequest = this.Snapshot().Single(s => s.SpanId == acknowledgement.ParentSpanId);
        Assert.Equal("/ack/{token}", acknowledgementRequest.GetTagItem("url.path"));
        this.AssertNothingPersonalOrSecret(emails.Select(e => e.AckLink[(e.AckLink.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task A_message_from_the_intake_queue_starts_its_own_trace_that_reaches_the_emails()
    {
        var episode = TestMessages.NewEpisode();
        var queue = new QueueClient(this.azurite.ConnectionString, QueueMessageIntake.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(TestMessages.Create("ReadyForDischarge", episode, needs: []).ToJsonString());
        var id = TransitionIds.For(TestMessages.WardHsaId, episode);
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        // An activity's span ends (and is exported) after the email's inside it.
        var trace = await this.WaitForTraceAsync(id, t => t.Count(s => s.DisplayName == "activity:NotifyUnit" && s.Kind == ActivityKind.Server) == 2);
        var received = Assert.Single(trace, s => s.ParentSpanId == default);
        Assert.Equal("process transitions-intake", received.DisplayName);
        Assert.Equal(ActivityKind.Consumer, received.Kind);
        var intake = Assert.Single(trace, s => s.DisplayName == "intake message");
        Assert.Equal(received.SpanId, intake.ParentSpanId);
        Assert.Equal("queue", intake.GetTagItem("caretransitions.channel"));
        Assert.Equal(intake.SpanId, Assert.Single(trace, s => s.DisplayName == "create_orchestration:CareTransitionOrchestrator").ParentSpanId);
        Assert.Equal(2, trace.Count(s => s.DisplayName == "send email"));
        this.AssertNothingPersonalOrSecret([]);
    }

    [Fact]
    public async Task On_PostgreSQL_the_database_calls_of_intake_and_activities_are_in_the_trace_and_background_ones_are_not()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Postgres);
        await using var postgres = await ServiceHost.StartAsync(
            this.mail,
            store,
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(this.spans)));
        var id = await postgres.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        // An activity's span ends (and is exported) after the email's inside it.
        var trace = await this.WaitForTraceAsync(id, t => t.Count(s => s.DisplayName == "activity:NotifyUnit" && s.Kind == ActivityKind.Server) == 2);
        var database = trace.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.Contains(database, s => trace.Single(p => p.SpanId == s.ParentSpanId).DisplayName == "intake message");
        Assert.Contains(database, s => trace.Single(p => p.SpanId == s.ParentSpanId).DisplayName == "activity:NotifyUnit");
        // The backend's polling and lease renewal ran all along, each call a trace of its own: none was exported.
        Assert.DoesNotContain(this.Snapshot(), s => s.Source.Name == "Npgsql" && s.ParentSpanId == default);
        this.AssertNothingPersonalOrSecret([]);
    }

    [Fact]
    public async Task The_metrics_count_a_started_transition_its_emails_and_an_acknowledgement_time_by_unit_type()
    {
        var before = this.Collect();
        var id = await this.service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        var emails = await this.mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);
        // Counted once the SMTP server has answered, a moment after maildev shows the email: wait for the workflow to have it.
        await this.service.WaitForAsync(id, t => ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == System.Text.Json.JsonValueKind.String));
        await ServiceHost.AcknowledgeAsync(emails[0].AckLink, "Anna Andersson");

        var after = this.Collect();
        Assert.Equal(1, Sum(after, "caretransitions.transitions.started") - Sum(before, "caretransitions.transitions.started"));
        Assert.Equal(2, Sum(after, "caretransitions.emails.sent") - Sum(before, "caretransitions.emails.sent"));
        Assert.Equal(1, Sum(after, "caretransitions.intake.messages", ("caretransitions.outcome", "accepted"), ("caretransitions.channel", "http"))
            - Sum(before, "caretransitions.intake.messages", ("caretransitions.outcome", "accepted"), ("caretransitions.channel", "http")));
        Assert.Equal(1, HistogramCount(after, "caretransitions.acknowledgement.duration") - HistogramCount(before, "caretransitions.acknowledgement.duration"));
        var acknowledged = after.Single(m => m.Name == "caretransitions.acknowledgement.duration").MetricPoints;
        Assert.Contains(acknowledged, p => Tags(p).Any(t => t.Key == "caretransitions.unit_type"));
        Assert.Equal(0, Sum(after, "caretransitions.emails.failed"));

        // The backend's gauges are read when collected: both kinds of queue, and nothing left waiting once idle.
        var depth = after.Single(m => m.Name == "durable.backend.queue.depth").MetricPoints;
        Assert.Equal(["activity", "orchestration"], depth.Select(p => (string)Tags(p).Single(t => t.Key == "durable.work_item.kind").Value!).Order().ToArray());
        Assert.Contains(after, m => m.Name == "durable.backend.work_items.in_flight");
    }

    /// <summary>The spans of the trace that carries <paramref name="transitionId"/>'s intake, once <paramref name="complete"/> holds for them.</summary>
    private Task<List<Activity>> WaitForTraceAsync(string transitionId, Func<List<Activity>, bool> complete) => Eventually.ReadAsync(
        () =>
        {
            var all = this.Snapshot();
            var intake = all.FirstOrDefault(s => s.DisplayName == "intake message" && Equals(s.GetTagItem("caretransitions.transition_id"), transitionId));
            return intake is null ? [] : all.Where(s => s.TraceId == intake.TraceId).ToList();
        },
        trace => trace.Count > 0 && complete(trace),
        $"the spans of the trace of {transitionId}'s intake");

    /// <summary>No personnummer (in any spelling), acknowledger's name or acknowledgement token anywhere in any span.</summary>
    private void AssertNothingPersonalOrSecret(IEnumerable<string> tokens)
    {
        string[] forbidden = ["19121212", "121212-1212", "1212121212", "Anna Andersson", .. tokens];
        // The test's own HTTP calls (to the service, to maildev) are traced too, in this process; they are not the service's.
        foreach (var span in this.Snapshot().Where(s => !MadeByTheTest(s)))
        {
            var text = string.Join(
                "\n",
                [span.DisplayName, span.OperationName, span.StatusDescription ?? string.Empty,
                 .. span.TagObjects.Select(t => $"{t.Key}={t.Value}"),
                 .. span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}").Append(e.Name)),
                 .. span.Baggage.Select(b => $"{b.Key}={b.Value}")]);
            Assert.All(forbidden, f => Assert.DoesNotContain(f, text, StringComparison.Ordinal));
        }
    }

    // While two services run in this process each span is exported by both their providers: counted once.
    private List<Activity> Snapshot() => this.spans.Snapshot().Distinct().ToList();

    /// <summary>The service's only outgoing HTTP here is to the queue on Azurite; other HTTP client spans are the test's (service, maildev).</summary>
    private static bool MadeByTheTest(Activity span) =>
        span.Source.Name == "System.Net.Http"
        && !(span.GetTagItem("url.full") is string url && url.Contains("/devstoreaccount1/", StringComparison.Ordinal));

    /// <summary>Every metric as of now (cumulative): the newest export of each, should the periodic one have run too.</summary>
    private List<MetricSnapshot> Collect()
    {
        this.metrics.Clear();
        Assert.True(this.service.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        return this.metrics.Snapshot().GroupBy(m => m.Name).Select(g => g.Last()).ToList();
    }

    private static long Sum(List<MetricSnapshot> snapshot, string name, params (string Key, string Value)[] tags) =>
        snapshot.Where(m => m.Name == name)
            .SelectMany(m => m.MetricPoints)
            .Where(p => tags.All(t => Tags(p).Any(tag => tag.Key == t.Key && Equals(tag.Value, t.Value))))
            .Sum(p => p.GetSumLong());

    private static long HistogramCount(List<MetricSnapshot> snapshot, string name) =>
        snapshot.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Sum(p => p.GetHistogramCount());

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            list.Add(tag);
        }

        return list;
    }

    private sealed class LockedCollection<T> : System.Collections.ObjectModel.Collection<T>
    {
        public List<T> Snapshot()
        {
            lock (this.Items)
            {
                return [.. this.Items];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (this.Items)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (this.Items)
            {
                base.ClearItems();
            }
        }
    }
}
