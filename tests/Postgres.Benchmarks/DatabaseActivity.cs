using System.Globalization;
using Npgsql;

namespace Postgres.Benchmarks;

/// <summary>
/// What the database did during a measurement: transactions (commits and rollbacks, every backend's, from
/// pg_stat_database), so a reader sees what a workload costs per orchestration — and whether more processes on one
/// database only add lookups that find nothing — and the server's processor time (its processes' /proc counters).
/// </summary>
internal sealed record DatabaseActivity(long Transactions, IReadOnlyDictionary<int, TimeSpan> ServerProcesses)
{
    /// <summary>PostgreSQL 15 flushes a connection's counters when it goes idle, at most once a second.</summary>
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(1.5);

    /// <summary>Linux reports process times in clock ticks of 1/100 s (USER_HZ).</summary>
    private const double TicksPerSecond = 100;

    public static async Task<DatabaseActivity> ReadAsync(string connectionString)
    {
        await Task.Delay(StatisticsDelay);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var transactions = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        var count = (long)(await transactions.ExecuteScalarAsync())!;
        await using var processes = new NpgsqlCommand("SELECT pid FROM pg_stat_activity", connection);
        var times = new Dictionary<int, TimeSpan>();
        await using (var reader = await processes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (ProcessorTimeOf(reader.GetInt32(0)) is { } time)
                {
                    times[reader.GetInt32(0)] = time;
                }
            }
        }

        return new DatabaseActivity(count, times);
    }

    /// <summary>Transactions since <paramref name="before"/>, and the processor time of the server processes alive at both moments.</summary>
    public (long Transactions, TimeSpan Server) Since(DatabaseActivity before) => (
        this.Transactions - before.Transactions,
        this.ServerProcesses.Where(p => before.ServerProcesses.ContainsKey(p.Key)).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Value - before.ServerProcesses[p.Key]));

    private static TimeSpan? ProcessorTimeOf(int pid)
    {
        try
        {
            // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        }
        catch (IOException)
        {
            return null; // gone in between, or not on Linux
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
