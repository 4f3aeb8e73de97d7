using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// One orchestration step in one transaction, guarded by the lease: the step's first statement updates the instance
/// row only where its LockedBy is still the step's token, and aborts the transaction when it is not, so a step whose
/// lease expired and was handed to another backend stores nothing and answers false. A step that starts no new
/// instances is one round trip: the lease check and every write in one batch, which a lost lease aborts as a whole.
/// </summary>
internal sealed class PostgresCommit(PostgresDatabase database, TimeProvider clock) : IStepCommits
{
    private const string RequireLease =
        "SELECT durable.require_lease(EXISTS (SELECT 1 FROM durable.instances WHERE instance_id = @id AND locked_by = @token FOR UPDATE))";

    // IMPORTANT: the lease check is the instance's update. Its row lock keeps the lease ours until the commit, and the
    // row is written once: a check of its own (SELECT … FOR UPDATE, then the update) would write it twice, a lock record
    // and then the new version.
    private const string UpdateInstanceWhileLeased =
        """
        WITH updated AS (
            UPDATE durable.instances SET execution_id = @x, runtime_status = @status, input = @input, output = @output, custom_status = @custom,
                failure_details = @failure, last_updated_at = @now, completed_at = @completed, locked_by = @keptBy::text, lock_expiration = @keptUntil::bigint, last_error = NULL
            WHERE instance_id = @id AND locked_by = @token
            RETURNING 1)
        SELECT durable.require_lease(EXISTS (SELECT 1 FROM updated))
        """;

    public async Task<bool> CommitAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken) =>
        await this.CommitAsync(item, checkpoint, keepUntil: null, cancellationToken) is not null;

    /// <summary>The step, keeping the instance leased and leasing its new tasks with it (see IBackendStore.CommitAndKeepLeaseAsync); null when refused.</summary>
    public Task<CommitAndKeepLeaseResult?> CommitAndKeepAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken) =>
        this.CommitAsync(item, checkpoint, leaseUntil, cancellationToken);

    private async Task<CommitAndKeepLeaseResult?> CommitAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime? keepUntil, CancellationToken cancellationToken)
    {
        var nowTime = clock.GetUtcNow().UtcDateTime;
        try
        {
            // New children need a look each at whether their id is free before the rest is written: a transaction of several round trips.
            return checkpoint.NewInstances.Count == 0
                ? await database.WriteSingleAsync(tx => CommitAsync(tx, item, checkpoint, nowTime, keepUntil, leaseCheckInBatch: true), cancellationToken)
                : await database.WriteAsync(tx => CommitAsync(tx, item, checkpoint, nowTime, keepUntil, leaseCheckInBatch: false), cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == PostgresSchema.LeaseLostState)
        {
            // The lease expired or was handed on; or a step on results in memory found a task leased again, or a message due.
            return null;
        }
    }

    private static async Task<CommitAndKeepLeaseResult?> CommitAsync(
        PostgresTransaction tx, OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime nowTime, DateTime? keepUntil, bool leaseCheckInBatch)
    {
        var now = ToMs(nowTime);
        var id = item.Instance.InstanceId;
        var state = checkpoint.State;
        var keptUntil = keepUntil is { } until ? ToMs(until) : (long?)null;
        (string, object?)[] instance =
        [
            ("x", state.ExecutionId), ("status", state.Status.ToString()), ("input", state.Input), ("output", state.Output),
            ("custom", state.CustomStatus), ("failure", state.Failure?.ToByteArray()),
            ("now", now), ("completed", state.CompletedAt is { } c ? ToMs(c) : null), ("id", id), ("token", item.LeaseToken),
            ("keptBy", keptUntil is null ? null : item.LeaseToken), ("keptUntil", keptUntil),
        ];
        var batch = tx.Batch();
        if (leaseCheckInBatch)
        {
            batch.Add(UpdateInstanceWhileLeased, _ => { }, instance);
        }
        else
        {
            // New children look at instance rows first, this one's too (a child given its parent's id is refused while the
            // parent runs): the lease is checked and the row locked as it is, and the update comes last.
            await tx.ScalarAsync(RequireLease, ("id", id), ("token", item.LeaseToken));
        }

        if (checkpoint.CompletedTasks.Count > 0)
        {
            // IMPORTANT: a step on results handed over in memory took no messages from the store. One that is due for the
            // instance now (an event, a timer, a child's result) belongs with those results, as a lease would have handed it
            // over: the step is refused, and the backend stores the results as messages and hands the lease back.
            batch.Add(
                "SELECT durable.require_lease(NOT EXISTS (SELECT 1 FROM durable.new_events WHERE instance_id = @id AND visible_at <= @now))",
                _ => { },
                ("id", id), ("now", now));

            // IMPORTANT: and they count only if their tasks are still leased to us: a task whose lease ran out may have run
            // again elsewhere, and its result would then arrive twice. The whole step is refused instead.
            batch.Add(
                """
                WITH done AS (DELETE FROM durable.new_tasks WHERE sequence_number = ANY(@seq) AND locked_by = ANY(@tokens) RETURNING 1)
                SELECT durable.require_lease((SELECT count(*) FROM done) = @n)
                """,
                _ => { },
                ("seq", checkpoint.CompletedTasks.Select(t => t.SequenceNumber).ToArray()), ("tokens", checkpoint.CompletedTasks.Select(t => t.Token).ToArray()),
                ("n", (long)checkpoint.CompletedTasks.Count));
        }

        // New children first: each needs its own look at whether the id is free. Everything after goes in the batch.
        var messages = checkpoint.Messages.Select(m => new PostgresWrites.Message(m.InstanceId, m.ExecutionId, m.Event, VisibleAtMs(m.VisibleAt, nowTime))).ToList();
        foreach (var child in checkpoint.NewInstances)
        {
            if ((await PostgresWrites.CreateInstanceAsync(tx, child, replaceable: null)).Outcome != CreateOutcome.Created)
            {
                // An active instance already has the child's id: the parent's task fails rather than waiting forever.
                messages.Add(new PostgresWrites.Message(id, state.ExecutionId, StoreRules.ChildRefused(child, nowTime), now));
            }
        }

        if (checkpoint.StartsNewExecution)
        {
            batch.Add("DELETE FROM durable.history WHERE instance_id = @id", ("id", id));
        }

        AppendHistory(batch, id, state.ExecutionId, checkpoint.StartsNewExecution ? 0 : item.History.Count, checkpoint.NewHistory, now);
        if (checkpoint.ConsumedMessages.Count > 0)
        {
            batch.Add("DELETE FROM durable.new_events WHERE sequence_number = ANY(@n)", ("n", checkpoint.ConsumedMessages.ToArray()));
        }

        var taskNumbers = new Dictionary<int, long>(checkpoint.NewTasks.Count);
        InsertTasks(batch, id, item.Instance.ExecutionId, checkpoint.NewTasks, now, keptUntil is { } leaseEnd ? (item.LeaseToken, leaseEnd) : null, taskNumbers);
        if (messages.Count > 0)
        {
            var (sql, parameters) = PostgresWrites.InsertMessages(messages, now);
            batch.Add(sql, parameters);
        }

        if (checkpoint.TerminateChildrenOf.Count > 0)
        {
            var terminate = StoreRules.TerminatedWithParent(nowTime);
            batch.Add(
                """
                INSERT INTO durable.new_events (instance_id, execution_id, event_type, data, visible_at, created_at)
                SELECT instance_id, NULL, 'ExecutionTerminated', @d, @now, @now FROM durable.instances
                WHERE parent_instance_id = ANY(@parents) AND runtime_status NOT IN ('Completed', 'Failed', 'Terminated')
                ORDER BY instance_id
                """,
                ("d", terminate.ToByteArray()), ("now", now), ("parents", checkpoint.TerminateChildrenOf.ToArray()));
        }

        foreach (var poison in checkpoint.SetAside)
        {
            var (sql, parameters) = PostgresWrites.InsertPoison(poison, null, now);
            batch.Add(sql, parameters);
        }

        if (!leaseCheckInBatch)
        {
            batch.Add(UpdateInstanceWhileLeased, _ => { }, instance);
        }

        var moreWork = false;
        batch.Add(
            "SELECT EXISTS (SELECT 1 FROM durable.new_events WHERE instance_id = @id AND visible_at <= @now)",
            r => moreWork = r.GetBoolean(0),
            ("id", id), ("now", now));
        await batch.RunAsync();
        // A kept lease's other messages wake nobody: told OtherWork, the backend that keeps it hands it back.
        tx.Wake(WakeUps.AfterStep(item, checkpoint, moreWork, leaseKept: keepUntil is not null));
        return new CommitAndKeepLeaseResult(taskNumbers, moreWork);
    }

    private static void AppendHistory(PostgresBatch batch, string id, string executionId, int first, IReadOnlyList<P.HistoryEvent> events, long now)
    {
        if (events.Count > 0)
        {
            batch.Add(
                """
                INSERT INTO durable.history (instance_id, execution_id, sequence_number, event_type, data, timestamp)
                SELECT @id, @x, @first + h.n - 1, h.t, h.d, h.ts FROM unnest(@t, @d, @ts) WITH ORDINALITY AS h(t, d, ts, n)
                """,
                ("id", id), ("x", executionId), ("first", first), ("t", events.Select(e => e.EventTypeCase.ToString()).ToArray()),
                ("d", events.Select(e => e.ToByteArray()).ToArray()), ("ts", events.Select(e => e.Timestamp is { } ts ? ToMs(ts.ToDateTime()) : now).ToArray()));
        }
    }

    /// <summary>
    /// Queues the step's tasks; with <paramref name="leasedTo"/> (a kept lease: the instance's lease token and its end) they
    /// are leased with it, and their queue positions are read into <paramref name="numbers"/> by task id.
    /// </summary>
    private static void InsertTasks(
        PostgresBatch batch, string id, string executionId, IReadOnlyList<ActivityRequest> tasks, long now, (string Token, long Until)? leasedTo, Dictionary<int, long> numbers)
    {
        if (tasks.Count > 0)
        {
            // A leased task is invisible until its lease ends (visible_at), like one LockActivities took, counted as handed out once.
            batch.Add(
                """
                INSERT INTO durable.new_tasks (instance_id, execution_id, task_id, name, version, input, trace_context, visible_at, created_at, locked_by, dequeue_count)
                SELECT @id, @x, t.task, t.name, t.version, t.input, t.trace, COALESCE(@until::bigint, @now), @now,
                       CASE WHEN @lease::text IS NULL THEN NULL ELSE @lease::text || ':' || t.task END, CASE WHEN @lease::text IS NULL THEN 0 ELSE 1 END
                FROM unnest(@task, @name, @version, @input, @trace) WITH ORDINALITY AS t(task, name, version, input, trace, n) ORDER BY t.n
                RETURNING sequence_number, task_id
                """,
                r => numbers[r.GetInt32(1)] = r.GetInt64(0),
                // IMPORTANT: tasks belong to the execution that scheduled them: after ContinueAsNew their results are dropped.
                ("id", id), ("x", executionId), ("now", now), ("task", tasks.Select(t => t.TaskId).ToArray()), ("name", tasks.Select(t => t.Name).ToArray()),
                ("version", tasks.Select(t => t.Version).ToArray()), ("input", tasks.Select(t => t.Input).ToArray()),
                ("trace", tasks.Select(t => t.TraceContext?.ToByteArray()).ToArray()),
                ("lease", leasedTo?.Token), ("until", leasedTo?.Until));
        }
    }
}
