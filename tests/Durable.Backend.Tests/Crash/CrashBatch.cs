using Durable.Backend.CrashWorker;
using Grpc.Core;
using EventType = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace Durable.Backend.Tests.Crash;

/// <summary>
/// The batch of <see cref="CrashWorkload"/> instances a crash test runs, and what must hold once it is done:
/// every instance completed with its output, every activity result in its history exactly once.
/// </summary>
/// <param name="completionDeadline">How long the instances may take to finish once waited for (3 minutes unless given).</param>
/// <param name="progress">Where to report how many have finished while waiting, if anywhere.</param>
internal sealed class CrashBatch(ICrashDeployment deployment, int count, TimeSpan? completionDeadline = null, Action<string>? progress = null)
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private readonly TimeSpan completionDeadline = completionDeadline ?? TimeSpan.FromMinutes(3);

    public IReadOnlyList<string> InstanceIds { get; } = Enumerable.Range(0, count).Select(i => $"crash-{i}").ToList();

    public int ScheduledActivities => count * CrashWorkload.ActivitiesPerInstance;

    private static int Early(int i) => i * 3;

    private static int Late(int i) => 1000 + i;

    /// <summary>Schedules every instance and raises its early event at once, before any worker has run it; <paramref name="parallelism"/> instances at a time.</summary>
    public Task ScheduleAsync(int parallelism = 1) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            await deployment.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CrashWorkload), i, new StartOrchestrationOptions(this.InstanceIds[i]));
            await deployment.Client.RaiseEventAsync(this.InstanceIds[i], CrashWorkload.EarlyEvent, Early(i));
        });

    /// <summary>
    /// Raises every instance's late event, <paramref name="parallelism"/> at a time. Called only while the backend is up
    /// and no kill can come: a call answered Unavailable could not reach a just-restarted backend, or met a connection
    /// to its database that a restart cut off, at its first statement — nothing was stored, so it is sent again.
    /// </summary>
    public Task RaiseLateEventsAsync(int parallelism = 1) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
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
        });

    public async Task<int> CountCompletedAsync() => await this.CountAsync(OrchestrationRuntimeStatus.Completed);

    /// <summary>Waits, with a deadline, until every instance has finished; then each must have completed with its output.</summary>
    /// <returns>How long the wait took.</returns>
    public async Task<TimeSpan> AssertAllCompleteWithTheirOutputAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        var lastReport = started;
        // One query for the count (a backend that is briefly unreachable is asked again), not one call per instance.
        for (var finished = 0; finished < count;)
        {
            try
            {
                finished = await this.CountAsync(Finished);
            }
            catch (RpcException)
            {
                // The store is away for a moment (a database restart); ask again.
            }

            if (finished < count && TimeProvider.System.GetElapsedTime(started) > this.completionDeadline)
            {
                var unfinished = new List<string>();
                foreach (var id in this.InstanceIds)
                {
                    var instance = await deployment.Client.GetInstanceAsync(id);
                    if (instance is not { IsCompleted: true })
                    {
                        unfinished.Add($"{id} {instance?.RuntimeStatus.ToString() ?? "(not found)"}");
                    }
                }

                Assert.Fail($"{unfinished.Count} of {count} instances unfinished after {this.completionDeadline.TotalMinutes} minutes: {string.Join(", ", unfinished.Take(50))}");
            }

            if (progress is not null && TimeProvider.System.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
            {
                lastReport = TimeProvider.System.GetTimestamp();
                progress($"{finished}/{count} finished, {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F0} s into the wait");
            }

            await Task.Delay(250);
        }

        var waited = TimeProvider.System.GetElapsedTime(started);
        for (var i = 0; i < count; i++)
        {
            var done = await deployment.Client.GetInstanceAsync(this.InstanceIds[i], getInputsAndOutputs: true);
            Assert.NotNull(done);
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.InstanceId}: {done.RuntimeStatus} {done.FailureDetails}");
            Assert.Equal(CrashWorkload.Expected(i, Early(i), Late(i)), done.ReadOutputAs<int>());
        }

        return waited;
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

    /// <summary>Distinct activities (instance and step) that have run at least once so far.</summary>
    public int ActivitiesRun => deployment.ReadExecutions().Select(e => (e.InstanceId, e.Step)).Distinct().Count();

    /// <summary>Whether every scheduled activity has run at least once (what is left are timers, events and completions).</summary>
    public bool EveryActivityHasRun => this.ActivitiesRun == this.ScheduledActivities;

    /// <summary>Every scheduled activity ran at least once; returns (executions, distinct activities) for the test's log.</summary>
    public (int Executions, int Distinct) AssertEveryActivityRan()
    {
        var executions = deployment.ReadExecutions();
        var distinct = executions.Select(e => (e.InstanceId, e.Step)).Distinct().Count();
        Assert.Equal(this.ScheduledActivities, distinct);
        return (executions.Count, distinct);
    }

    private async Task<int> CountAsync(params OrchestrationRuntimeStatus[] statuses)
    {
        var matching = 0;
        await foreach (var _ in deployment.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = statuses, PageSize = 1000 }))
        {
            matching++;
        }

        return matching;
    }
}
