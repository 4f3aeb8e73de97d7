using Microsoft.Data.Sqlite;

namespace Dashboard.Storage;

/// <summary>
/// The SQLite file that holds finished outcomes. Raw rows are the truth; the dashboard reads them through
/// <see cref="Statistics.FactSnapshot"/> and the naive reference query reads them directly.
/// </summary>
internal sealed class StatisticsDatabase
{
    private readonly string _connectionString;
    private readonly Lock _schemaLock = new();
    private bool _schemaReady;

    public StatisticsDatabase(StatisticsOptions options)
    {
        var path = System.IO.Path.GetFullPath(options.DatabasePath);
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        EnsureFolder();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        if (!_schemaReady)
        {
            lock (_schemaLock)
            {
                if (!_schemaReady)
                {
                    Execute(connection, StatisticsSchema.Sql);
                    _schemaReady = true;
                }
            }
        }
        return connection;
    }

    private void EnsureFolder()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
