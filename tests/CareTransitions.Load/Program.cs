using CareTransitions.Load;
using Npgsql;
using Testing.Postgres;

// Intake under load on PostgreSQL, through two service processes sharing one database:
//   dotnet run -c Release --project tests/CareTransitions.Load -- [--count 2000] [--seconds 60] [--concurrency 16] [--malformed 5] [--postgres "<connection string>"]
// Without --postgres it starts a PostgreSQL 15 cluster of its own (PostgreSQL's durable defaults: fsync and
// synchronous_commit on) in a temporary folder, and removes it afterwards. The last line is the summary,
// "intake: instances=2 sent=… accepted=… accepted_per_s=… p50_ms=… p99_ms=… malformed=… malformed_400=… errors=… verified=yes|NO";
// the exit code is 1 unless every message got its expected answer and the transitions check out.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

OwnPostgresCluster? cluster = null;
TestDatabase? database = null;
try
{
    var connectionString = options.Postgres;
    if (connectionString is null)
    {
        cluster = await PostgresCluster.StartOwnAsync(durable: true);
        database = await cluster.Cluster.CreateDatabaseAsync();
        // Two instances, three stores each (app, statistics, durable), each with its own pool: keep within max_connections.
        connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 40 }.ConnectionString;
        Console.WriteLine($"load: PostgreSQL 15 cluster of its own (fsync and synchronous_commit on), database {database.Name}");
    }

    var figures = await IntakeLoad.RunAsync(connectionString, options);
    Console.WriteLine(figures);
    return figures.Verified ? 0 : 1;
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}
