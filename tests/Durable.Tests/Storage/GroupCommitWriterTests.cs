using Durable.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Durable.Tests.Storage;

public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("durable-writer-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(this.directory, "w.db")}";

    [Fact]
    public async Task WriteAsync_OneWriteInABatchThrows_OnlyThatWriteIsRolledBack()
    {
        using var writer = new GroupCommitWriter(this.ConnectionString);
        await writer.WriteAsync(s => s.Execute("CREATE TABLE T (N INTEGER NOT NULL)"));

        // Queued together, so they share physical transactions.
        var writes = Enumerable.Range(0, 200).Select(n => writer.WriteAsync(s =>
        {
            s.Execute("INSERT INTO T (N) VALUES ($n)", ("$n", n));
            return n % 3 == 0 ? throw new InvalidOperationException($"write {n} fails") : n;
        })).ToList();

        foreach (var (write, n) in writes.Select((w, n) => (w, n)))
        {
            if (n % 3 == 0)
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => write);
            }
            else
            {
                Assert.Equal(n, await write);
            }
        }

        var stored = await writer.WriteAsync(s => ReadAll(s.Command("SELECT N FROM T ORDER BY N")));
        Assert.Equal(Enumerable.Range(0, 200).Where(n => n % 3 != 0).Select(n => (long)n).ToList(), stored);
        Assert.True(writer.PhysicalCommits < writer.LogicalWrites, "concurrent writes were not grouped into shared commits");
    }

    [Fact]
    public async Task WriteAsync_AfterAFailedTransaction_WriterKeepsWorking()
    {
        using var writer = new GroupCommitWriter(this.ConnectionString);
        await writer.WriteAsync(s => s.Execute("CREATE TABLE T (N INTEGER PRIMARY KEY)"));

        // COMMIT inside a write ends the batch's transaction under the writer: the batch must fail as a whole
        // and the writer thread must carry on with the next one.
        await Assert.ThrowsAnyAsync<Exception>(() => writer.WriteAsync(s => s.Execute("COMMIT")));
        // A dead writer thread would leave this waiting forever; the timeout turns that into a failure.
        Assert.Equal(1, await writer.WriteAsync(s => s.Execute("INSERT INTO T (N) VALUES (1)")).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1L], await writer.WriteAsync(s => ReadAll(s.Command("SELECT N FROM T"))));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(this.directory, recursive: true);
    }

    private static List<long> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
