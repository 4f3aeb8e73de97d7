using Microsoft.Data.Sqlite;

namespace Durable.Storage.Sqlite;

/// <summary>
/// The store's tables, after durabletask-mssql: Instances, NewEvents (messages, with a visible-at time
/// for timers), History, NewTasks (activity work) and PoisonMessages. Versioned: each migration runs once,
/// in order, and is recorded in SchemaVersions, so a later change is a new entry at the end of the list.
/// </summary>
internal static class SqliteSchema
{
    // IMPORTANT: never edit a migration that has shipped; append a new one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE Instances (
            InstanceId       TEXT PRIMARY KEY,
            ExecutionId      TEXT NOT NULL,
            Name             TEXT NOT NULL,
            RuntimeStatus    TEXT NOT NULL,
            Input            TEXT,
            Output           TEXT,
            CustomStatus     TEXT,
            FailureDetails   TEXT,
            CreatedAt        INTEGER NOT NULL,
            LastUpdatedAt    INTEGER NOT NULL,
            CompletedAt      INTEGER,
            ParentInstanceId TEXT,
            ParentTaskId     INTEGER,
            LockedBy         TEXT,
            LockExpiration   INTEGER,
            LastError        TEXT
        );
        CREATE INDEX IX_Instances_Created ON Instances (CreatedAt);
        CREATE INDEX IX_Instances_Status ON Instances (RuntimeStatus, CreatedAt);
        CREATE INDEX IX_Instances_Completed ON Instances (CompletedAt) WHERE CompletedAt IS NOT NULL;

        CREATE TABLE NewEvents (
            SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId     TEXT NOT NULL,
            ExecutionId    TEXT,
            EventType      TEXT NOT NULL,
            Data           TEXT NOT NULL,
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
            Data           TEXT NOT NULL,
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
            Input          TEXT,
            VisibleAt      INTEGER NOT NULL,
            LockedBy       TEXT,
            DequeueCount   INTEGER NOT NULL DEFAULT 0,
            LastError      TEXT,
            CreatedAt      INTEGER NOT NULL
        );
        CREATE INDEX IX_NewTasks_Visible ON NewTasks (VisibleAt);
        CREATE UNIQUE INDEX UX_NewTasks_Task ON NewTasks (InstanceId, ExecutionId, TaskId);

        CREATE TABLE PoisonMessages (
            Id          INTEGER PRIMARY KEY AUTOINCREMENT,
            InstanceId  TEXT NOT NULL,
            Kind        TEXT NOT NULL,
            Name        TEXT NOT NULL,
            Data        TEXT,
            Attempts    INTEGER NOT NULL,
            Reason      TEXT NOT NULL,
            SetAsideAt  INTEGER NOT NULL
        );
        CREATE INDEX IX_PoisonMessages_Instance ON PoisonMessages (InstanceId);
        """,

        // 2: finding the next lease expiry must not scan every (mostly idle) instance.
        """
        CREATE INDEX IX_Instances_LockExpiration ON Instances (LockExpiration) WHERE LockExpiration IS NOT NULL;
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

    /// <summary>Brings the file up to the latest schema version; safe to call from several processes.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Run(connection, transaction, "CREATE TABLE IF NOT EXISTS SchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt INTEGER NOT NULL)");
        using (var current = connection.CreateCommand())
        {
            current.Transaction = transaction;
            current.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM SchemaVersions";
            var version = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"The database schema is version {version}, newer than this engine knows ({Migrations.Length}). Upgrade the service.");
            }

            for (var v = version + 1; v <= Migrations.Length; v++)
            {
                Run(connection, transaction, Migrations[v - 1]);
                Run(connection, transaction, $"INSERT INTO SchemaVersions (Version, AppliedAt) VALUES ({v}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()})");
            }
        }

        transaction.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
