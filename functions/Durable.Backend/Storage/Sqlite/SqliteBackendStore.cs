using Durable.Backend.Hosting;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL. Writes go through one
/// <see cref="GroupCommitWriter"/> (concurrent steps share one fsync); reads use pooled connections,
/// which WAL lets run beside the writer. Split by concern: instances, orchestrations, activities, leases.
/// </summary>
internal sealed partial class SqliteBackendStore : IBackendStore
{
    private readonly string readConnectionString;
    private readonly GroupCommitWriter writer;
    private readonly TimeProvider clock;
    private readonly FileStream storeLock;

    private SqliteBackendStore(string connectionString, TimeProvider clock, FileStream storeLock)
    {
        this.readConnectionString = connectionString;
        this.clock = clock;
        this.storeLock = storeLock;
        this.writer = new GroupCommitWriter(connectionString);
    }

    /// <summary>Opens (creating or migrating) the store file.</summary>
    /// <exception cref="IncompatibleStoreException">The file was written by the earlier engine or a newer backend.</exception>
    public static SqliteBackendStore Open(DurableBackendOptions options, TimeProvider clock, ILoggerFactory loggers)
    {
        var fullPath = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true, DefaultTimeout = 30 };
        var storeLock = StoreLock.Acquire(fullPath);
        using (var connection = new SqliteConnection(builder.ToString()))
        {
            connection.Open();
            SqliteBackendSchema.ConfigureConnection(connection, writer: true);
            SqliteBackendSchema.Migrate(connection, fullPath);
        }

        var store = new SqliteBackendStore(builder.ToString(), clock, storeLock);
        var released = store.ReleaseAllLeasesAsync().GetAwaiter().GetResult();
        loggers.CreateLogger<SqliteBackendStore>().LogInformation(
            "Durable store {Path} opened at schema version {Version}; {Released} leases of a previous process handed back", fullPath, SqliteBackendSchema.LatestVersion, released);
        return store;
    }

    public WorkSignals Signals { get; } = new();

    /// <summary>Logical transactions and physical commits so far (the benchmark reports group commit at work).</summary>
    public (long Logical, long Physical) CommitCounts => (this.writer.LogicalWrites, this.writer.PhysicalCommits);

    public ValueTask DisposeAsync()
    {
        this.writer.Dispose();
        SqliteConnection.ClearAllPools();
        this.storeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private long NowMs => this.clock.GetUtcNow().ToUnixTimeMilliseconds();

    private DateTime Now => this.clock.GetUtcNow().UtcDateTime;

    private static byte[] ToBytes(IMessage message) => message.ToByteArray();

    private static P.HistoryEvent EventFrom(SqliteDataReader reader, int ordinal) => P.HistoryEvent.Parser.ParseFrom((byte[])reader.GetValue(ordinal));

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(this.readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return read(connection);
    }

    private const string InstanceColumns =
        "InstanceId, ExecutionId, Name, Version, RuntimeStatus, Input, Output, CustomStatus, FailureDetails, CreatedAt, LastUpdatedAt, CompletedAt, ScheduledStartAt, ParentInstanceId, LastError";

    private static InstanceRow ReadInstance(SqliteDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        ExecutionId = r.GetString(1),
        Name = r.GetString(2),
        Version = r.IsDBNull(3) ? null : r.GetString(3),
        Status = Enum.Parse<InstanceStatus>(r.GetString(4)),
        Input = r.IsDBNull(5) ? null : r.GetString(5),
        Output = r.IsDBNull(6) ? null : r.GetString(6),
        CustomStatus = r.IsDBNull(7) ? null : r.GetString(7),
        Failure = r.IsDBNull(8) ? null : P.TaskFailureDetails.Parser.ParseFrom((byte[])r.GetValue(8)),
        CreatedAt = FromMs(r.GetInt64(9)),
        LastUpdatedAt = FromMs(r.GetInt64(10)),
        CompletedAt = r.IsDBNull(11) ? null : FromMs(r.GetInt64(11)),
        ScheduledStartAt = r.IsDBNull(12) ? null : FromMs(r.GetInt64(12)),
        ParentInstanceId = r.IsDBNull(13) ? null : r.GetString(13),
    };

    private static InstanceRow? ReadInstance(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInstance(reader) : null;
    }

    private static List<P.HistoryEvent> ReadEvents(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var events = new List<P.HistoryEvent>();
        while (reader.Read())
        {
            events.Add(EventFrom(reader, 0));
        }

        return events;
    }

    /// <summary>Inserts a message row; the caller raises the matching signal after the commit.</summary>
    private static void InsertMessage(WriteScope scope, string instanceId, string? executionId, P.HistoryEvent e, long visibleAt, long now) =>
        scope.Execute(
            "INSERT INTO NewEvents (InstanceId, ExecutionId, EventType, Data, VisibleAt, CreatedAt) VALUES ($i, $x, $t, $d, $v, $c)",
            ("$i", instanceId), ("$x", executionId), ("$t", e.EventTypeCase.ToString()), ("$d", ToBytes(e)), ("$v", visibleAt), ("$c", now));

    private static void InsertPoison(WriteScope scope, PoisonMessage poison, byte[]? data, long now) =>
        scope.Execute(
            "INSERT INTO PoisonMessages (InstanceId, Kind, Name, Data, Attempts, Reason, SetAsideAt) VALUES ($id, $k, $n, $d, $a, $r, $at)",
            ("$id", poison.InstanceId), ("$k", poison.Kind), ("$n", poison.Name), ("$d", data), ("$a", poison.Attempts), ("$r", poison.Reason), ("$at", now));
}
