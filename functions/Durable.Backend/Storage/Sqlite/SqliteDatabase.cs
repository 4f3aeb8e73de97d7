using Microsoft.Data.Sqlite;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// The store file's connections: every write through the one <see cref="GroupCommitWriter"/>, reads on pooled
/// connections beside it (WAL lets them run while it writes), and the signals its commits raise in this process.
/// </summary>
internal sealed class SqliteDatabase(string readConnectionString, GroupCommitWriter writer, WorkSignals signals)
{
    /// <summary>Raised by the caller after a write's commit (see <see cref="WakeUps"/>).</summary>
    public WorkSignals Signals => signals;

    /// <summary>Runs <paramref name="work"/> in a transaction on the writer connection and returns after it is durable.</summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work) => writer.WriteAsync(work);

    /// <summary>Runs a read on its own pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return read(connection);
    }
}
