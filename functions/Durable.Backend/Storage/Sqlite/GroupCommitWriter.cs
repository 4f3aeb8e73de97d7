using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// The single writer of a SQLite file. SQLite lets one transaction write at a time, so instead of
/// queueing behind a lock, concurrent logical transactions are gathered into one physical transaction
/// (group commit): each runs inside its own savepoint, so a failing one is rolled back alone, and all
/// of them become durable with one fsync. A caller's task completes only after that commit.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<IWrite> queue = Channel.CreateUnbounded<IWrite>(new() { SingleReader = true });
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);
    private readonly WriteScope scope;
    private readonly Thread thread;
    private long logicalWrites;
    private long physicalCommits;

    public GroupCommitWriter(string connectionString)
    {
        this.connection = new SqliteConnection(connectionString);
        this.connection.Open();
        SqliteBackendSchema.ConfigureConnection(this.connection, writer: true);
        this.scope = new WriteScope(this.connection, this.statements);
        this.thread = new Thread(this.Run) { IsBackground = true, Name = "durable-sqlite-writer" };
        this.thread.Start();
    }

    /// <summary>Logical transactions committed so far.</summary>
    public long LogicalWrites => Interlocked.Read(ref this.logicalWrites);

    /// <summary>Physical SQLite commits so far (each covers one or more logical transactions).</summary>
    public long PhysicalCommits => Interlocked.Read(ref this.physicalCommits);

    /// <summary>Runs <paramref name="work"/> in a transaction on the writer connection and returns after it is durable.</summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work)
    {
        var write = new Write<T>(work);
        if (!this.queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return write.Task;
    }

    public void Dispose()
    {
        this.queue.Writer.TryComplete();
        this.thread.Join(TimeSpan.FromSeconds(10));
        foreach (var statement in this.statements.Values)
        {
            statement.Dispose();
        }

        this.connection.Dispose();
    }

    private void Run()
    {
        var batch = new List<IWrite>(MaxBatch);
        var reader = this.queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            this.Commit(batch);
        }
    }

    private void Commit(List<IWrite> batch)
    {
        var succeeded = new List<IWrite>(batch.Count);
        try
        {
            using var transaction = this.connection.BeginTransaction(deferred: false);
            this.scope.Transaction = transaction;
            foreach (var write in batch)
            {
                transaction.Save("w");
                try
                {
                    write.Execute(this.scope);
                    transaction.Release("w");
                    succeeded.Add(write);
                }
                catch (Exception e)
                {
                    // Only this write is undone; the others in the batch go on.
                    transaction.Rollback("w");
                    transaction.Release("w");
                    write.Fail(e);
                }
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            // IMPORTANT: the writer thread must survive anything. When the transaction itself fails
            // (disk full, I/O error, a rollback SQLite refused), disposing it rolled everything back:
            // no write of this batch is stored, so every caller is told so and may retry.
            batch.ForEach(w => w.Fail(e));
            return;
        }
        finally
        {
            this.scope.Transaction = null;
        }

        Interlocked.Increment(ref this.physicalCommits);
        Interlocked.Add(ref this.logicalWrites, succeeded.Count);
        succeeded.ForEach(w => w.Succeed());
    }

    private interface IWrite
    {
        void Execute(WriteScope scope);

        void Succeed();

        void Fail(Exception error);
    }

    private sealed class Write<T>(Func<WriteScope, T> work) : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IWrite
    {
        private T? result;

        public void Execute(WriteScope scope) => this.result = work(scope);

        public void Succeed() => this.TrySetResult(this.result!);

        public void Fail(Exception error) => this.TrySetException(error);
    }
}

/// <summary>
/// The connection and transaction a logical write runs in, with small command helpers. Commands are
/// cached per SQL text, so SQLite prepares each statement once per connection rather than per call;
/// callers must not dispose them. Only the writer thread uses a scope, so the cache needs no lock.
/// </summary>
internal sealed class WriteScope(SqliteConnection connection, Dictionary<string, SqliteCommand> cache)
{
    public SqliteTransaction? Transaction { get; set; }

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!cache.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            cache[sql] = command;
        }

        command.Transaction = this.Transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters) =>
        this.Command(sql, parameters).ExecuteNonQuery();

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        var value = this.Command(sql, parameters).ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
