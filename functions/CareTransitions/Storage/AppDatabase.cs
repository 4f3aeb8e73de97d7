using CareTransitions.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CareTransitions.Storage;

/// <summary>
/// The service's own SQLite file (app.db): processed message ids, acknowledgement tokens,
/// acknowledgements, sent emails and the audit trail. The engine keeps its state in durable.db.
/// </summary>
internal sealed class AppDatabase
{
    private const int SchemaVersion = 1;
    private readonly string connectionString;

    public AppDatabase(IOptions<StorageOptions> storage)
    {
        System.IO.Directory.CreateDirectory(storage.Value.Directory);
        this.connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = storage.Value.AppDatabasePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        this.Initialize();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(this.connectionString);
        await connection.OpenAsync(cancellationToken);
        // IMPORTANT: FULL so that a recorded acknowledgement or processed message id survives power loss.
        await connection.ExecuteAsync("PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", cancellationToken: cancellationToken);
        return connection;
    }

    private void Initialize()
    {
        using var connection = new SqliteConnection(this.connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version >= SchemaVersion)
        {
            return;
        }

        command.CommandText = $"""
            BEGIN IMMEDIATE;
            CREATE TABLE IF NOT EXISTS processed_messages (
                message_id TEXT PRIMARY KEY, transition_id TEXT NOT NULL,
                type TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS ack_tokens (
                token_hash BLOB PRIMARY KEY, transition_id TEXT NOT NULL, unit_id TEXT NOT NULL,
                created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_ack_tokens_unit ON ack_tokens(transition_id, unit_id);
            CREATE TABLE IF NOT EXISTS acknowledgements (
                transition_id TEXT NOT NULL, unit_id TEXT NOT NULL, acknowledged_by TEXT NOT NULL,
                acknowledged_at TEXT NOT NULL, PRIMARY KEY (transition_id, unit_id));
            CREATE TABLE IF NOT EXISTS sent_emails (
                message_id TEXT PRIMARY KEY, transition_id TEXT NOT NULL, unit_id TEXT NOT NULL,
                kind TEXT NOT NULL, recipient TEXT NOT NULL, sent_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                transition_id TEXT, unit_id TEXT, detail TEXT);
            CREATE INDEX IF NOT EXISTS ix_audit_transition ON audit_log(transition_id);
            PRAGMA user_version = {SchemaVersion};
            COMMIT;
            """;
        command.ExecuteNonQuery();
    }
}
