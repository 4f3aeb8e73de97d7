using Durable.Backend.CrashWorker;
using Grpc.Core;
using EventType = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace Durable.Backend.Tests.Crash;

/// <summary>
/// The batch of <see cref="CrashWorkload"/> instances a crash test runs, and what must hold once it is done:
/// every instance completed with its output, every activity result in its history exactly once.
/// </summary>
internal sealed class CrashBatch(KillableDeployment deployment, int count)
{
    private static readonly TimeSpan CompletionDeadline = TimeSpan.FromMinutes(3);

    public IReadOnlyList<string> InstanceIds { get; } = Enumerable.Range(0, count).Select(i => $"crash-{i}").ToList();

    public int ScheduledActivities => count * CrashWorkload.ActivitiesPerInstance;

    private static int Early(int i) => i * 3;

    private static int Late(int i) => 1000 + i;

    /// <summary>Schedules every instance and raises its early event at once, before any worker has run it.</summary>
    public async Task ScheduleAsync()
    {
        for (var i = 0; i < count; i++)
        {
            await deployment.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CrashWorkload), i, new StartOrchestrationOptions(this.InstanceIds[i]));
            await deployment.Client.RaiseEventAsync(this.InstanceIds[i], CrashWorkload.EarlyEvent, Early(i));
        }
    }

    /// <summary>
    /// Raises every instance's late event. Called only while the backend is up and no kill can come: a call that
    /// could not reach a just-restarted backend (Unavailable) is sent again, one that reached it never is.
    /// </summary>
    public async Task RaiseLateEventsAsync()
    {
        for (var i = 0; i < count; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await deployment.Client.RaiseEventAsync(this.InstanceIds[i], CrashWorkload.LateEvent, Late(i));
                    break;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && attempt < 5)
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    public async Task<int> CountCompletedAsync()
    {
        var completed = 0;
        await foreach (var _ in deployment.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }))
        {
            completed++;
        }

        return completed;
    }

    /// <summary>Waits, with a deadline, until every instance has finished; then each must have completed with its output.</summary>
    /// <returns>How long the wait took.</returns>
    public async Task<TimeSpan> AssertAllCompleteWithTheirOutputAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        var unfinished = new Dictionary<string, OrchestrationMetadata?>(this.InstanceIds.Select(id => KeyValuePair.Create(id, (OrchestrationMetadata?)null)));
        var finished = new Dictionary<string, OrchestrationMetadata>();
        while (unfinished.Count > 0)
        {
            foreach (var id in unfinished.Keys.ToList())
            {
                var instance = await deployment.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
                unfinished[id] = instance;
                if (instance is { IsCompleted: true })
                {
                    unfinished.Remove(id);
                    finished[id] = instance;
                }
            }

            if (unfinished.Count > 0 && TimeProvider.System.GetElapsedTime(started) > CompletionDeadline)
            {
                Assert.Fail($"{unfinished.Count} of {count} instances unfinished after {CompletionDeadline.TotalMinutes} minutes: "
                    + string.Join(", ", unfinished.Select(u => $"{u.Key} {u.Value?.RuntimeStatus.ToString() ?? "(not found)"}")));
            }

            await Task.Delay(250);
        }

        for (var i = 0; i < count; i++)
        {
            var done = finished[this.InstanceIds[i]];
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.InstanceId}: {done.RuntimeStatus} {done.FailureDetails}");
            Assert.Equal(CrashWorkload.Expected(i, Early(i), Late(i)), done.ReadOutputAs<int>());
        }

        return TimeProvider.System.GetElapsedTime(started);
    }

    /// <summary>
    /// In every stored history: ten distinct TaskScheduled ids, exactly one result (TaskCompleted or TaskFailed) for
    /// each, and the events, the timer and the completion each once — nothing lost, nothing applied twice.
    /// </summary>
    public async Task AssertEachResultAppliedOnceAsync()
    {
        foreach (var id in this.InstanceIds)
        {
            var history = await deployment.ReadHistoryAsync(id);
            var scheduled = history.Where(e => e.EventTypeCase == EventType.TaskScheduled).Select(e => e.EventId).ToList();
            var results = history
                .Select(e => e.EventTypeCase switch
                {
                    EventType.TaskCompleted => e.TaskCompleted.TaskScheduledId,
                    EventType.TaskFailed => e.TaskFailed.TaskScheduledId,
                    _ => (int?)null,
                })
                .OfType<int>()
                .ToList();
            var what = $"{id}: {string.Join(' ', history.Select(e => $"{e.EventTypeCase}#{e.EventId}"))}";
            Assert.True(scheduled.Count == CrashWorkload.ActivitiesPerInstance, $"{what} — expected {CrashWorkload.ActivitiesPerInstance} TaskScheduled");
            Assert.True(scheduled.Distinct().Count() == scheduled.Count, $"{what} — a TaskScheduled id twice");
            Assert.True(scheduled.Order().SequenceEqual(results.Order()), $"{what} — results do not match the scheduled tasks one to one");
            Assert.True(history.Count(e => e.EventTypeCase == EventType.ExecutionStarted) == 1, $"{what} — ExecutionStarted not once");
            Assert.True(history.Count(e => e.EventTypeCase == EventType.ExecutionCompleted) == 1, $"{what} — ExecutionCompleted not once");
            Assert.True(history.Count(e => e.EventTypeCase == EventType.TimerCreated) == 1, $"{what} — TimerCreated not once");
            Assert.True(history.Count(e => e.EventTypeCase == EventType.TimerFired) == 1, $"{what} — TimerFired not once");
            foreach (var name in new[] { CrashWorkload.EarlyEvent, CrashWorkload.LateEvent })
            {
                Assert.True(history.Count(e => e.EventTypeCase == EventType.EventRaised && e.EventRaised.Name == name) == 1, $"{what} — event {name} not once");
            }
        }
    }

    /// <summary>Whether every scheduled activity has run at least once (what is left are timers, events and completions).</summary>
    public bool EveryActivityHasRun =>
        ExecutionLog.Read(deployment.ExecutionLogPath).Select(e => (e.InstanceId, e.Step)).Distinct().Count() == this.ScheduledActivities;

    /// <summary>Every scheduled activity ran at least once; returns (executions, distinct activities) for the test's log.</summary>
    public (int Executions, int Distinct) AssertEveryActivityRan()
    {
        var executions = ExecutionLog.Read(deployment.ExecutionLogPath);
        var distinct = executions.Select(e => (e.InstanceId, e.Step)).Distinct().Count();
        Assert.Equal(this.ScheduledActivities, distinct);
        return (executions.Count, distinct);
    }
}
