using System.Diagnostics;
using Npgsql;

namespace Postgres.Benchmarks;

/// <summary>
/// The floor to compare with: single-row INSERT commits per second on the same PostgreSQL, one connection, each
/// statement its own transaction, synchronous_commit on (every commit waits for its WAL flush).
/// </summary>
internal static class PostgresRawCommit
{
    public static async Task<double> MeasureAsync(string connectionString, int commits, TimeSpan atMost)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand("SET synchronous_commit = on; CREATE TABLE raw_commit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand("INSERT INTO raw_commit (v) VALUES ('x')", connection);
        await insert.PrepareAsync();
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (done < commits && clock.Elapsed < atMost)
        {
            await insert.ExecuteNonQueryAsync();
            done++;
        }

        return done / clock.Elapsed.TotalSeconds;
    }
}
