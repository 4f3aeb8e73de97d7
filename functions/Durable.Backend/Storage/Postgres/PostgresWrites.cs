using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>Writes shared by clients and orchestration steps: creating an instance, queueing messages, setting aside poison.</summary>
internal static class PostgresWrites
{
    /// <summary>
    /// Creates the instance row and its start message. IMPORTANT: an instance that is pending, running or
    /// suspended is never replaced; a finished one only when the caller's reuse policy allows its status.
    /// Safe against another backend creating the same id at the same moment: the existing row is locked,
    /// and an insert that meets a row created meanwhile answers AlreadyExists.
    /// </summary>
    public static async Task<CreateResult> CreateInstanceAsync(PostgresTransaction tx, NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable)
    {
        var id = ("id", (object?)instance.InstanceId);
        if (await tx.ScalarAsync("SELECT runtime_status FROM durable.instances WHERE instance_id = @id FOR UPDATE", id) is string existing)
        {
            var status = System.Enum.Parse<InstanceStatus>(existing);
            if (!StoreRules.FinishedStatuses.Contains(existing) || (replaceable is not null && !replaceable.Contains(status)))
            {
                return new CreateResult(CreateOutcome.AlreadyExists, status);
            }

            // A finished instance is replaced: its history and leftovers go; events raised for the new run stay.
            await tx.ExecuteAsync(
                """
                DELETE FROM durable.history WHERE instance_id = @id;
                DELETE FROM durable.new_tasks WHERE instance_id = @id;
                DELETE FROM durable.new_events WHERE instance_id = @id AND execution_id IS NOT NULL;
                DELETE FROM durable.instances WHERE instance_id = @id;
                """,
                id);
        }

        var created = ToMs(instance.CreatedAt);
        var inserted = await tx.ExecuteAsync(
            """
            INSERT INTO durable.instances (instance_id, execution_id, name, version, runtime_status, input, created_at, last_updated_at, scheduled_start_at, parent_instance_id)
            VALUES (@id, @x, @name, @version, 'Pending', @input, @created, @created, @start, @parent)
            ON CONFLICT (instance_id) DO NOTHING
            """,
            id, ("x", instance.ExecutionId), ("name", instance.Name), ("version", instance.Version), ("input", instance.Input),
            ("created", created), ("start", instance.ScheduledStartAt is { } at ? ToMs(at) : null),
            ("parent", instance.Parent?.OrchestrationInstance?.InstanceId));
        if (inserted == 0)
        {
            // Another backend created it between our look and our insert (its insert committed first).
            var now = await tx.ScalarAsync("SELECT runtime_status FROM durable.instances WHERE instance_id = @id", id) as string;
            return new CreateResult(CreateOutcome.AlreadyExists, now is null ? null : System.Enum.Parse<InstanceStatus>(now));
        }

        var e = StoreRules.StartMessage(instance);
        var visibleAt = VisibleAtMs(instance.ScheduledStartAt ?? instance.CreatedAt, instance.CreatedAt);
        await InsertMessagesAsync(tx, [new Message(instance.InstanceId, instance.ExecutionId, e, visibleAt)], created);
        tx.Wake(WakeUps.InstanceCreated(instance.InstanceId));
        return new CreateResult(CreateOutcome.Created);
    }

    /// <summary>
    /// Creates the instance and its start message in one statement when no row has its id; false (nothing written)
    /// when one does, or another backend is creating it right now (the insert waits for that one, then does nothing).
    /// </summary>
    public static async Task<bool> TryCreateNewInstanceAsync(PostgresTransaction tx, NewInstance instance)
    {
        var created = ToMs(instance.CreatedAt);
        var start = StoreRules.StartMessage(instance);
        var (insertStart, parameters) = InsertMessages(
            [new Message(instance.InstanceId, instance.ExecutionId, start, VisibleAtMs(instance.ScheduledStartAt ?? instance.CreatedAt, instance.CreatedAt))],
            created,
            onlyIf: "EXISTS (SELECT 1 FROM created)");
        var inserted = await tx.ExecuteAsync(
            $"""
            WITH created AS (
                INSERT INTO durable.instances (instance_id, execution_id, name, version, runtime_status, input, created_at, last_updated_at, scheduled_start_at, parent_instance_id)
                VALUES (@id, @exec, @name, @version, 'Pending', @input, @created, @created, @start, @parent)
                ON CONFLICT (instance_id) DO NOTHING
                RETURNING 1)
            {insertStart}
            """,
            [
                .. parameters, ("id", instance.InstanceId), ("exec", instance.ExecutionId), ("name", instance.Name), ("version", instance.Version),
                ("input", instance.Input), ("created", created), ("start", instance.ScheduledStartAt is { } at ? ToMs(at) : null),
                ("parent", instance.Parent?.OrchestrationInstance?.InstanceId),
            ]);
        if (inserted == 0)
        {
            return false;
        }

        tx.Wake(WakeUps.InstanceCreated(instance.InstanceId));
        return true;
    }

    /// <summary>A message row to insert, with its visible-at time already rounded.</summary>
    public sealed record Message(string InstanceId, string? ExecutionId, P.HistoryEvent Event, long VisibleAt);

    /// <summary>Inserts message rows in one statement (in order, so their sequence numbers follow it); the caller says whom to wake.</summary>
    public static async Task InsertMessagesAsync(PostgresTransaction tx, IReadOnlyList<Message> messages, long now)
    {
        if (messages.Count > 0)
        {
            var (sql, parameters) = InsertMessages(messages, now);
            await tx.ExecuteAsync(sql, parameters);
        }
    }

    /// <summary>
    /// The statement of <see cref="InsertMessagesAsync"/>, for a batch (at least one message); with <paramref name="onlyIf"/>,
    /// a condition on the statement's own CTEs (e.g. that the row a <c>WITH</c> before it deleted was there).
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) InsertMessages(IReadOnlyList<Message> messages, long now, string? onlyIf = null) =>
        ($"""
         INSERT INTO durable.new_events (instance_id, execution_id, event_type, data, visible_at, created_at)
         SELECT m.i, m.x, m.t, m.d, m.v, @now FROM unnest(@i, @x, @t, @d, @v) WITH ORDINALITY AS m(i, x, t, d, v, n)
         {(onlyIf is null ? "" : $"WHERE {onlyIf} ")}ORDER BY m.n
         """,
         [
             ("i", messages.Select(m => m.InstanceId).ToArray()), ("x", messages.Select(m => m.ExecutionId).ToArray()),
             ("t", messages.Select(m => m.Event.EventTypeCase.ToString()).ToArray()), ("d", messages.Select(m => m.Event.ToByteArray()).ToArray()),
             ("v", messages.Select(m => m.VisibleAt).ToArray()), ("now", now),
         ]);

    public static Task InsertPoisonAsync(PostgresTransaction tx, PoisonMessage poison, byte[]? data, long now)
    {
        var (sql, parameters) = InsertPoison(poison, data, now);
        return tx.ExecuteAsync(sql, parameters);
    }

    /// <summary>The statement of <see cref="InsertPoisonAsync"/>, for a batch.</summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) InsertPoison(PoisonMessage poison, byte[]? data, long now) =>
        ("INSERT INTO durable.poison_messages (instance_id, kind, name, data, attempts, reason, set_aside_at) VALUES (@id, @k, @n, @d, @a, @r, @at)",
         [("id", poison.InstanceId), ("k", poison.Kind), ("n", poison.Name), ("d", data), ("a", poison.Attempts), ("r", poison.Reason), ("at", now)]);
}
