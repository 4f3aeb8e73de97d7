using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Durable.Benchmarks;

/// <summary>The floor to compare with: single-row SQLite commits per second, same file system, same settings.</summary>
internal static class RawCommit
{
    public static double Measure(string directory, int commits)
    {
        var path = Path.Combine(directory, "raw.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Run(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE T (Id INTEGER PRIMARY KEY, V TEXT)");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO T (V) VALUES ('x')";
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        return commits / stopwatch.Elapsed.TotalSeconds;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
