using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// The backend's tables, after durabletask-mssql: Instances, NewEvents (messages, with a visible-at time for
/// timers), History, NewTasks (activity work) and PoisonMessages. Events are stored as the protocol's own
/// protobuf bytes. Versioned in BackendSchemaVersions: each migration runs once, in order.
/// </summary>
internal static class SqliteBackendSchema
{
    // IMPORTANT: never edit a migration that has shipped; append a new one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE Instances (
            InstanceId       TEXT PRIMARY KEY,
            ExecutionId      TEXT NOT NULL,
            Name             TEXT NOT NULL,
            Version          TEXT,
            RuntimeStatus    TEXT NOT NULL,
            Input            TEXT,
            Output           TEXT,
            CustomStatus     TEXT,
            FailureDetails   BLOB,
            CreatedAt        INTEGER NOT NULL,
            LastUpdatedAt    INTEGER NOT NULL,
            CompletedAt      INTEGER,
            ScheduledStartAt INTEGER,
            ParentInstanceId TEXT,
            LockedBy         TEXT,
            LockExpiration   INTEGER,
            LastError        TEXT
        );
        CREATE INDEX IX_Instances_Created ON Instances (CreatedAt);
        CREATE INDEX IX_Instances_Status ON Instances (RuntimeStatus, CreatedAt);
        CREATE INDEX IX_Instances_Completed ON Instances (CompletedAt) WHERE CompletedAt IS NOT NULL;
        CREATE INDEX IX_Instances_LockExpiration ON Instances (LockExpiration) WHERE LockExpiration IS NOT NULL;
        CREATE INDEX IX_Instances_Parent ON Instances (ParentInstanceId) WHERE ParentInstanceId IS NOT NULL;

        CREATE TABLE NewEvents (
            SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId     TEXT NOT NULL,
            ExecutionId    TEXT,
            EventType      TEXT NOT NULL,
            Data           BLOB NOT NULL,
            VisibleAt      INTEGER NOT NULL,
            CreatedAt      INTEGER NOT NULL,
            DequeueCount   INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IX_NewEvents_Visible ON NewEvents (VisibleAt);
        CREATE INDEX IX_NewEvents_Instance ON NewEvents (InstanceId, SequenceNumber);

        -- The primary key makes a second writer of the same history position fail instead of interleaving.
        CREATE TABLE History (
            InstanceId     TEXT NOT NULL,
            ExecutionId    TEXT NOT NULL,
            SequenceNumber INTEGER NOT NULL,
            EventType      TEXT NOT NULL,
            Data           BLOB NOT NULL,
            Timestamp      INTEGER NOT NULL,
            PRIMARY KEY (InstanceId, ExecutionId, SequenceNumber)
        ) WITHOUT ROWID;

        -- A leased task is invisible until its lease (VisibleAt) expires.
        CREATE TABLE NewTasks (
            SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId     TEXT NOT NULL,
            ExecutionId    TEXT NOT NULL,
            TaskId         INTEGER NOT NULL,
            Name           TEXT NOT NULL,
            Version        TEXT,
            Input          TEXT,
            TraceContext   BLOB,
            VisibleAt      INTEGER NOT NULL,
            LockedBy       TEXT,
            DequeueCount   INTEGER NOT NULL DEFAULT 0,
            LastError      TEXT,
            CreatedAt      INTEGER NOT NULL
        );
        CREATE INDEX IX_NewTasks_Visible ON NewTasks (VisibleAt);
        CREATE INDEX IX_NewTasks_Lock ON NewTasks (LockedBy) WHERE LockedBy IS NOT NULL;
        CREATE UNIQUE INDEX UX_NewTasks_Task ON NewTasks (InstanceId, ExecutionId, TaskId);

        CREATE TABLE PoisonMessages (
            Id          INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId  TEXT NOT NULL,
            Kind        TEXT NOT NULL,
            Name        TEXT NOT NULL,
            Data        BLOB,
            Attempts    INTEGER NOT NULL,
            Reason      TEXT NOT NULL,
            SetAsideAt  INTEGER NOT NULL
        );
        CREATE INDEX IX_PoisonMessages_Instance ON PoisonMessages (InstanceId);
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Settings every connection needs: WAL and durable commits (a committed step survives power loss).</summary>
    public static void ConfigureConnection(SqliteConnection connection, bool writer)
    {
        using var command = connection.CreateCommand();
        command.CommandText = writer
            ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = OFF;"
            : "PRAGMA busy_timeout = 10000;";
        command.ExecuteNonQuery();
    }

    /// <summary>Brings the file up to the latest schema version; refuses a file it cannot read.</summary>
    /// <exception cref="IncompatibleStoreException">The file belongs to the earlier engine or a newer backend.</exception>
    public static void Migrate(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (TableExists(connection, transaction, "SchemaVersions") && !TableExists(connection, transaction, "BackendSchemaVersions"))
        {
            throw new IncompatibleStoreException(
                $"{path} was written by the engine before the move to the Durable Task SDK and cannot be read by this backend: " +
                "let its transitions finish on the previous release, or move the file aside to start with an empty store.");
        }

        Run(connection, transaction, "CREATE TABLE IF NOT EXISTS BackendSchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt INTEGER NOT NULL)");
        using (var current = connection.CreateCommand())
        {
            current.Transaction = transaction;
            current.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM BackendSchemaVersions";
            var version = Convert.ToInt32(current.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (version > Migrations.Length)
            {
                throw new IncompatibleStoreException(
                    $"{path} has backend schema version {version}, newer than this backend knows ({Migrations.Length}): upgrade the service.");
            }

            for (var v = version + 1; v <= Migrations.Length; v++)
            {
                Run(connection, transaction, Migrations[v - 1]);
                Run(connection, transaction, $"INSERT INTO BackendSchemaVersions (Version, AppliedAt) VALUES ({v}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()})");
            }
        }

        transaction.Commit();
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $n";
        command.Parameters.AddWithValue("$n", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
