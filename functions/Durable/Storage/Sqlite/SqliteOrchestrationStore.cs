using System.Text.Json;
using Durable.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Durable.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL. Writes go through one
/// <see cref="GroupCommitWriter"/>; reads use pooled connections, which WAL lets run beside the writer.
/// </summary>
internal sealed partial class SqliteOrchestrationStore : IOrchestrationStore
{
    private readonly string readConnectionString;
    private readonly GroupCommitWriter writer;
    private readonly int maxDequeueCount;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    public SqliteOrchestrationStore(string databasePath, int maxDequeueCount, TimeProvider clock, ILogger logger)
    {
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true, DefaultTimeout = 30 };
        this.readConnectionString = builder.ToString();
        this.maxDequeueCount = maxDequeueCount;
        this.clock = clock;
        this.logger = logger;

        // The schema is created before anything else touches the file, so clients work without a worker.
        using (var connection = new SqliteConnection(builder.ToString()))
        {
            connection.Open();
            SqliteSchema.ConfigureConnection(connection, writer: true);
            SqliteSchema.Migrate(connection);
        }

        this.writer = new GroupCommitWriter(builder.ToString());
    }

    public WorkSignals Signals { get; } = new();

    /// <summary>Logical transactions and physical commits so far (the benchmark reports their ratio).</summary>
    public (long Logical, long Physical) CommitCounts => (this.writer.LogicalWrites, this.writer.PhysicalCommits);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        this.writer.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private long NowMs => this.clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static long ToMs(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>
    /// When a message becomes workable. IMPORTANT: a time still ahead of <paramref name="now"/> is rounded up, never
    /// down (rounded down, a timer fires up to 1 ms early); a time already reached is visible at once, not 1 ms later.
    /// </summary>
    private static long VisibleAtMs(DateTime visibleAt, DateTime now) =>
        visibleAt <= now ? ToMs(now) : ToMs(visibleAt.AddTicks(TimeSpan.TicksPerMillisecond - 1));

    private static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static string ToJson(HistoryEvent e) => JsonSerializer.Serialize(e, DurableJson.Options);

    private static HistoryEvent FromJson(string json) => JsonSerializer.Deserialize<HistoryEvent>(json, DurableJson.Options)!;

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(this.readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return read(connection);
    }

    private const string InstanceColumns =
        "InstanceId, ExecutionId, Name, RuntimeStatus, Input, Output, CustomStatus, FailureDetails, CreatedAt, LastUpdatedAt, CompletedAt, ParentInstanceId, ParentTaskId, LastError";

    private static InstanceState ReadInstance(SqliteDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        ExecutionId = r.GetString(1),
        Name = r.GetString(2),
        Status = Enum.Parse<OrchestrationRuntimeStatus>(r.GetString(3)),
        Input = r.IsDBNull(4) ? null : r.GetString(4),
        Output = r.IsDBNull(5) ? null : r.GetString(5),
        CustomStatus = r.IsDBNull(6) ? null : r.GetString(6),
        Failure = r.IsDBNull(7) ? null : JsonSerializer.Deserialize<TaskFailureDetails>(r.GetString(7), DurableJson.Options),
        CreatedAt = FromMs(r.GetInt64(8)),
        LastUpdatedAt = FromMs(r.GetInt64(9)),
        CompletedAt = r.IsDBNull(10) ? null : FromMs(r.GetInt64(10)),
        ParentInstanceId = r.IsDBNull(11) ? null : r.GetString(11),
        ParentTaskId = r.IsDBNull(12) ? null : r.GetInt32(12),
    };

    private static InstanceState? ReadInstance(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInstance(reader) : null;
    }

    private static List<HistoryEvent> ReadHistory(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var history = new List<HistoryEvent>();
        while (reader.Read())
        {
            history.Add(FromJson(reader.GetString(0)));
        }

        return history;
    }

    /// <summary>Inserts a message row; the caller raises the matching signal after the commit.</summary>
    private static void InsertMessage(WriteScope scope, string instanceId, string? executionId, HistoryEvent e, long visibleAt, long now) =>
        scope.Execute(
            "INSERT INTO NewEvents (InstanceId, ExecutionId, EventType, Data, VisibleAt, CreatedAt) VALUES ($i, $x, $t, $d, $v, $c)",
            ("$i", instanceId), ("$x", executionId), ("$t", e.Type.ToString()), ("$d", ToJson(e)), ("$v", visibleAt), ("$c", now));
}
