using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Testing.Postgres;

/// <summary>
/// A PostgreSQL server for tests, one per test process: the one the environment variable <c>TEST_POSTGRES</c> names (a
/// connection string of a role that may create databases; scripts/test.sh starts one for the whole run), or else a
/// cluster of its own (<see cref="OwnPostgresCluster"/>), started on first use, and stopped when the process exits.
/// Each test takes a fresh database (<see cref="CreateDatabaseAsync"/>), dropped when it is disposed. A test that
/// restarts the server, or a benchmark that needs PostgreSQL's durable settings, starts one of its own instead
/// (<see cref="StartOwnAsync"/>): other tests, and with <c>TEST_POSTGRES</c> other test processes, share this one.
/// </summary>
public sealed class PostgresCluster
{
    /// <summary>The environment variable with the connection string of a server to use instead of starting one.</summary>
    public const string Variable = "TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresCluster>> Instance = new(() => Task.Run(StartSharedAsync));

    internal PostgresCluster(string adminConnectionString) => this.AdminConnectionString = adminConnectionString;

    /// <summary>The server's connection string, to its maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static Task<PostgresCluster> SharedAsync() => Instance.Value;

    /// <summary>A cluster of its own, never the shared one nor <c>TEST_POSTGRES</c>'s; stopped and deleted when disposed.</summary>
    /// <param name="durable">
    /// PostgreSQL's own durability settings (fsync, synchronous_commit and full_page_writes on), for measurements; off,
    /// as in the shared cluster, when durability is not what is under test.
    /// </param>
    public static Task<OwnPostgresCluster> StartOwnAsync(bool durable = false) => OwnPostgresCluster.StartAsync(durable);

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

    private static async Task<PostgresCluster> StartSharedAsync() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
            ? new PostgresCluster(given)
            : (await OwnPostgresCluster.StartAsync(durable: false)).Cluster; // stopped when this process exits
}

/// <summary>
/// A PostgreSQL 15 cluster this process started (Debian package <c>postgresql</c>): in a temporary folder, on a free
/// loopback port, as the postgres user when this process is root. It can be restarted, and is stopped and deleted when
/// disposed, or else when this process exits, however it exits.
/// </summary>
public sealed class OwnPostgresCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private readonly string root;
    private readonly bool asPostgres;
    private int disposed;

    private OwnPostgresCluster(string root, bool asPostgres, PostgresCluster cluster)
    {
        this.root = root;
        this.asPostgres = asPostgres;
        this.Cluster = cluster;
    }

    public PostgresCluster Cluster { get; }

    private string Data => Path.Combine(this.root, "data");

    private string Log => Path.Combine(this.root, "postgres.log");

    internal static async Task<OwnPostgresCluster> StartAsync(bool durable)
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed at {Bin}: install the Debian package postgresql (scripts/test.sh does), or set {PostgresCluster.Variable} to a connection string of a role that may create databases.");
        }

        var root = Directory.CreateTempSubdirectory("test-postgres-").FullName;
        // IMPORTANT: initdb refuses to run as root, so as root the cluster belongs to (and runs as) the postgres user.
        var asPostgres = Environment.IsPrivilegedProcess;
        if (asPostgres)
        {
            await RunAsync("chown", "postgres:postgres", root);
        }

        var data = Path.Combine(root, "data");
        var log = Path.Combine(root, "postgres.log");
        await RunAsync(Command(asPostgres, "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            // Durability is PostgreSQL's business, not under test in most tests: no fsync keeps a loaded machine's tests quick.
            var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300"
                + (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            try
            {
                await RunAsync(Command(asPostgres, "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"));
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue; // Someone took the port in between.
            }

            var own = new OwnPostgresCluster(root, asPostgres, new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres"));
            own.StopWithThisProcess();
            return own;
        }
    }

    /// <summary>
    /// <c>pg_ctl restart -m fast</c>: every connection is cut, the server shuts down cleanly and starts again with the
    /// same settings and port; returns once it accepts connections.
    /// </summary>
    public Task RestartAsync() => RunAsync(Command(this.asPostgres, "pg_ctl", "-D", this.Data, "-l", this.Log, "-m", "fast", "-w", "-t", "60", "restart"));

    /// <summary>Stops the server at once (connections cut) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) == 0)
        {
            await RunAsync(Command(this.asPostgres, "pg_ctl", "-D", this.Data, "-m", "immediate", "-w", "stop"));
            Directory.Delete(this.root, recursive: true);
        }
    }

    /// <summary>
    /// Stops the cluster and deletes its folder when this process exits, however it exits: at a normal exit here, and a
    /// watchdog in a session of its own for a process that is killed. Either finds nothing to do after a dispose.
    /// </summary>
    private void StopWithThisProcess()
    {
        var stop = Command(this.asPostgres, "pg_ctl", "-D", this.Data, "-m", "immediate", "-w", "stop");
        var root = this.root;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Volatile.Read(ref this.disposed) == 1)
            {
                return;
            }

            try
            {
                RunAsync(stop).Wait(TimeSpan.FromSeconds(20));
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException or InvalidOperationException)
            {
                // The watchdog below tries again.
            }
        };
        var quoted = string.Join(' ', stop.Select(a => $"'{a}'"));
        // Its own pipes, at once replaced by /dev/null: a child holding the test host's output open would keep the test runner waiting.
        var watchdog = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 2; done; [ -d '{root}' ] && {quoted}; rm -rf '{root}'";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "sh", "-c", watchdog })
        {
            info.ArgumentList.Add(argument);
        }

        using var _ = Process.Start(info);
    }

    private static string[] Command(bool asPostgres, string tool, params string[] arguments) =>
        asPostgres ? ["runuser", "-u", "postgres", "--", Path.Combine(Bin, tool), .. arguments] : [Path.Combine(Bin, tool), .. arguments];

    private static async Task RunAsync(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await output}{await error}");
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
