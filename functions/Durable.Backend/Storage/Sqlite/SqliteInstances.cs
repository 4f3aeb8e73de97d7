using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>What clients write: create instances, send them messages, purge finished ones.</summary>
internal sealed class SqliteInstances(SqliteDatabase database, TimeProvider clock) : IInstanceWrites
{
    public async Task<CreateResult> CreateAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken)
    {
        var result = await database.WriteAsync(scope => SqliteWrites.CreateInstance(scope, instance, replaceable));
        if (result.Outcome == CreateOutcome.Created)
        {
            database.Signals.Raise(WakeUps.InstanceCreated(instance.InstanceId));
        }

        return result;
    }

    public async Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await database.WriteAsync(scope =>
        {
            SqliteWrites.InsertMessage(scope, instanceId, null, message, now, now);
            return true;
        });
        database.Signals.Raise(WakeUps.MessageQueued);
    }

    public async Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken)
    {
        if (InstanceSelection.ForPurge(instanceId, filter) is not { } selection)
        {
            return 0;
        }

        // Selected inside the write, so an instance restarted meanwhile is not purged.
        var (where, args) = SqliteInstanceSelection.Sql(selection);
        return await database.WriteAsync(scope =>
        {
            var selected = $"SELECT InstanceId FROM Instances {where}";
            scope.Execute($"DELETE FROM History WHERE InstanceId IN ({selected})", args);
            scope.Execute($"DELETE FROM NewEvents WHERE InstanceId IN ({selected})", args);
            scope.Execute($"DELETE FROM NewTasks WHERE InstanceId IN ({selected})", args);
            scope.Execute($"DELETE FROM PoisonMessages WHERE InstanceId IN ({selected})", args);
            return scope.Execute($"DELETE FROM Instances WHERE InstanceId IN ({selected})", args);
        });
    }
}
