namespace Durable.Storage.Sqlite;

/// <summary>Lease bookkeeping across workers: who holds what, and handing back a dead worker's leases.</summary>
internal sealed partial class SqliteOrchestrationStore
{
    // A lease token is "{owner}:{32 hex digits}" (see the Lock methods); the owner is everything before.
    private const string OwnerOfLease = "substr(LockedBy, 1, length(LockedBy) - 33)";

    public Task<IReadOnlyList<string>> GetLeaseOwnersAsync(CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        return this.ReadAsync<IReadOnlyList<string>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {OwnerOfLease} FROM Instances WHERE LockExpiration > $now AND LockedBy IS NOT NULL
                    UNION SELECT {OwnerOfLease} FROM NewTasks WHERE VisibleAt > $now AND LockedBy IS NOT NULL
                    """;
                command.Parameters.AddWithValue("$now", now);
                using var reader = command.ExecuteReader();
                var owners = new List<string>();
                while (reader.Read())
                {
                    owners.Add(reader.GetString(0));
                }

                return owners;
            },
            cancellationToken);
    }

    public async Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        var released = await this.writer.WriteAsync(scope =>
            scope.Execute(
                $"UPDATE Instances SET LockedBy = NULL, LockExpiration = NULL WHERE LockedBy IS NOT NULL AND {OwnerOfLease} = $owner",
                ("$owner", owner))
            + scope.Execute(
                $"UPDATE NewTasks SET LockedBy = NULL, VisibleAt = $now WHERE LockedBy IS NOT NULL AND {OwnerOfLease} = $owner",
                ("$owner", owner), ("$now", now)));
        if (released > 0)
        {
            this.Signals.Orchestrations.Set();
            this.Signals.Activities.Set();
        }

        return released;
    }
}
