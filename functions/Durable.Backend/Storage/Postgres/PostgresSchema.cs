using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// The backend's tables in their own schema <c>durable</c>, the same as the SQLite store's: instances, new_events
/// (messages, with a visible-at time for timers), history, new_tasks (activity work) and poison_messages. Events
/// are the protocol's protobuf bytes (<c>bytea</c>); times are Unix milliseconds (<c>bigint</c>), like SQLite's.
/// Versioned in durable.schema_versions: each migration runs once, in order, under an advisory lock, so backends
/// starting at the same time migrate one after the other.
/// </summary>
internal static class PostgresSchema
{
    public const string Name = "durable";

    /// <summary>The advisory lock key of migrations (any constant; "durable" in ASCII).</summary>
    private const long MigrationLock = 0x64757261626C65;

    // IMPORTANT: never edit a migration that has shipped; append a new one.
    // Instance ids use the "C" collation: byte order, as in SQLite, for paging and prefix filters on the index.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE durable.instances (
            instance_id        text COLLATE "C" PRIMARY KEY,
            execution_id       text NOT NULL,
            name               text NOT NULL,
            version            text,
            runtime_status     text NOT NULL,
            input              text,
            output             text,
            custom_status      text,
            failure_details    bytea,
            created_at         bigint NOT NULL,
            last_updated_at    bigint NOT NULL,
            completed_at       bigint,
            scheduled_start_at bigint,
            parent_instance_id text COLLATE "C",
            locked_by          text,
            lock_expiration    bigint,
            last_error         text
        );
        CREATE INDEX ix_instances_created ON durable.instances (created_at, instance_id);
        CREATE INDEX ix_instances_status ON durable.instances (runtime_status, created_at);
        CREATE INDEX ix_instances_completed ON durable.instances (completed_at) WHERE completed_at IS NOT NULL;
        CREATE INDEX ix_instances_lock_expiration ON durable.instances (lock_expiration) WHERE lock_expiration IS NOT NULL;
        CREATE INDEX ix_instances_locked_by ON durable.instances (locked_by) WHERE locked_by IS NOT NULL;
        CREATE INDEX ix_instances_parent ON durable.instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

        CREATE TABLE durable.new_events (
            sequence_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            instance_id     text COLLATE "C" NOT NULL,
            execution_id    text,
            event_type      text NOT NULL,
            data            bytea NOT NULL,
            visible_at      bigint NOT NULL,
            created_at      bigint NOT NULL,
            dequeue_count   integer NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_new_events_visible ON durable.new_events (visible_at);
        CREATE INDEX ix_new_events_instance ON durable.new_events (instance_id, sequence_number);

        -- The primary key makes a second writer of the same history position fail instead of interleaving.
        CREATE TABLE durable.history (
            instance_id     text COLLATE "C" NOT NULL,
            execution_id    text NOT NULL,
            sequence_number integer NOT NULL,
            event_type      text NOT NULL,
            data            bytea NOT NULL,
            timestamp       bigint NOT NULL,
            PRIMARY KEY (instance_id, execution_id, sequence_number)
        );

        -- A leased task is invisible until its lease (visible_at) expires.
        CREATE TABLE durable.new_tasks (
            sequence_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            instance_id     text COLLATE "C" NOT NULL,
            execution_id    text NOT NULL,
            task_id         integer NOT NULL,
            name            text NOT NULL,
            version         text,
            input           text,
            trace_context   bytea,
            visible_at      bigint NOT NULL,
            locked_by       text,
            dequeue_count   integer NOT NULL DEFAULT 0,
            last_error      text,
            created_at      bigint NOT NULL,
            UNIQUE (instance_id, execution_id, task_id)
        );
        CREATE INDEX ix_new_tasks_visible ON durable.new_tasks (visible_at, sequence_number);
        CREATE INDEX ix_new_tasks_lock ON durable.new_tasks (locked_by) WHERE locked_by IS NOT NULL;

        CREATE TABLE durable.poison_messages (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            instance_id  text COLLATE "C" NOT NULL,
            kind         text NOT NULL,
            name         text NOT NULL,
            data         bytea,
            attempts     integer NOT NULL,
            reason       text NOT NULL,
            set_aside_at bigint NOT NULL
        );
        CREATE INDEX ix_poison_messages_instance ON durable.poison_messages (instance_id);
        """,
        // 2: a step's commit sends its lease check with its writes in one round trip; a lost lease aborts them all.
        $"""
        CREATE FUNCTION durable.require_lease(held boolean) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT held THEN
                RAISE EXCEPTION 'the lease on this instance expired or was handed on' USING ERRCODE = '{LeaseLostState}';
            END IF;
            RETURN true;
        END $$;
        """,
        // 3: the lease columns leave the indexes, so taking, renewing and handing back a lease (and most steps) are HOT
        // updates of the instance row (no index entries written); room on each page for them.
        """
        DROP INDEX durable.ix_instances_locked_by;
        DROP INDEX durable.ix_instances_lock_expiration;
        ALTER TABLE durable.instances SET (fillfactor = 80);
        """,
    ];

    /// <summary>The SQLSTATE <c>durable.require_lease</c> raises (class DL is not PostgreSQL's own).</summary>
    public const string LeaseLostState = "DL001";

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the database up to the latest schema version, one backend at a time.</summary>
    /// <exception cref="IncompatibleStoreException">The database has a newer backend's schema.</exception>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // IMPORTANT: taken before anything is created, so a second backend waits here and then finds the schema done.
        await RunAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await RunAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {Name}", cancellationToken);
        await RunAsync(connection, $"CREATE TABLE IF NOT EXISTS {Name}.schema_versions (version integer PRIMARY KEY, applied_at bigint NOT NULL)", cancellationToken);
        await using (var current = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {Name}.schema_versions", connection))
        {
            var version = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
            if (version > Migrations.Length)
            {
                throw new IncompatibleStoreException(
                    $"The PostgreSQL database {database} has backend schema version {version}, newer than this backend knows ({Migrations.Length}): upgrade the service.");
            }

            for (var v = version + 1; v <= Migrations.Length; v++)
            {
                await RunAsync(connection, Migrations[v - 1], cancellationToken);
                await RunAsync(
                    connection, $"INSERT INTO {Name}.schema_versions (version, applied_at) VALUES ({v}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()})", cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
