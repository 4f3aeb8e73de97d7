using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Testing.Postgres;

/// <summary>
/// A PostgreSQL server for tests, one per test process: the one the environment variable <c>TEST_POSTGRES</c> names (a
/// connection string of a role that may create databases; scripts/test.sh starts one for the whole run), or else a
/// cluster of its own, started on first use from the PostgreSQL 15 binaries (Debian package <c>postgresql</c>) in a
/// temporary folder on a free loopback port, and stopped when the process exits. Each test takes a fresh database
/// (<see cref="CreateDatabaseAsync"/>), dropped when it is disposed.
/// </summary>
/// <remarks>Linked into test projects as a source file (tests/Shared); they reference Npgsql themselves.</remarks>
public sealed class PostgresCluster
{
    /// <summary>The environment variable with the connection string of a server to use instead of starting one.</summary>
    public const string Variable = "TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresCluster>> Instance = new(() => Task.Run(StartAsync));

    private PostgresCluster(string adminConnectionString) => this.AdminConnectionString = adminConnectionString;

    /// <summary>The server's connection string, to its maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static Task<PostgresCluster> SharedAsync() => Instance.Value;

    /// <summary>A new, empty database (<c>t_&lt;guid&gt;</c>), dropped when disposed.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await this.ExecuteAsync($"CREATE DATABASE {name}");
        return new TestDatabase(this, name, new NpgsqlConnectionStringBuilder(this.AdminConnectionString) { Database = name }.ConnectionString);
    }

    /// <summary>Runs one statement on the maintenance database, on a connection of its own.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(this.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new PostgresCluster(given);
        }

        var bin = "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed at {bin}: install the Debian package postgresql (scripts/test.sh does), or set {Variable} to a connection string of a role that may create databases.");
        }

        var root = Directory.CreateTempSubdirectory("test-postgres-").FullName;
        var data = Path.Combine(root, "data");
        // IMPORTANT: initdb refuses to run as root, so as root the cluster belongs to (and runs as) the postgres user.
        var asPostgres = Environment.IsPrivilegedProcess;
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", root]);
        }

        string[] Command(string tool, params string[] arguments) =>
            asPostgres ? ["runuser", "-u", "postgres", "--", Path.Combine(bin, tool), .. arguments] : [Path.Combine(bin, tool), .. arguments];

        var initdb = Command("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        await RunAsync(initdb[0], initdb[1..]);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            // Durability is PostgreSQL's business, not under test here: no fsync keeps a loaded machine's tests quick.
            var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            var start = Command("pg_ctl", "-D", data, "-l", Path.Combine(root, "postgres.log"), "-o", options, "-w", "-t", "60", "start");
            try
            {
                await RunAsync(start[0], start[1..]);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue; // Someone took the port in between.
            }

            var stop = Command("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
            StopWithThisProcess(stop, root);
            return new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
        }
    }

    /// <summary>
    /// Stops the cluster and deletes its folder when this process exits, however it exits: at a normal exit here, and a
    /// watchdog in a session of its own for a process that is killed.
    /// </summary>
    private static void StopWithThisProcess(string[] stop, string root)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(stop[0], stop[1..]).Wait(TimeSpan.FromSeconds(20));
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException or InvalidOperationException)
            {
                // The watchdog below tries again.
            }
        };
        var quoted = string.Join(' ', stop.Select(a => $"'{a}'"));
        // Its own pipes, at once replaced by /dev/null: a child holding the test host's output open would keep the test runner waiting.
        var watchdog = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 2; done; {quoted}; rm -rf '{root}'";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "sh", "-c", watchdog })
        {
            info.ArgumentList.Add(argument);
        }

        using var _ = Process.Start(info);
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A database of its own for one test (or one engine), dropped with everything in it when disposed.</summary>
public sealed class TestDatabase(PostgresCluster cluster, string name, string connectionString) : IAsyncDisposable
{
    public string Name => name;

    public string ConnectionString => connectionString;

    /// <summary>Drops the database, closing whatever connections are still open to it.</summary>
    public async ValueTask DisposeAsync() => await cluster.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
}
