using System.Globalization;
using Durable.Backend.CrashWorker;
using Durable.Backend.Hosting;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker process for the backend's crash tests, in one of two modes:
//   Durable.Backend.CrashWorker <backend address> <execution log>
//       an SDK worker over gRPC to a backend process (the test kills either of them);
//   Durable.Backend.CrashWorker --postgres "<connection string>" <execution log> [--lease-seconds N]
//       our backend in this process on a PostgreSQL database that several such processes share, the SDK worker on it
//       (the test kills one process at a time, and restarts the database).
// Either is killed with SIGKILL at arbitrary moments and started again.
(string? Address, string? Postgres, string Log, TimeSpan? Lease)? mode = args switch
{
    [var address, var log] when !address.StartsWith('-') => (address, null, log, null),
    ["--postgres", var connection, var log] => (null, connection, log, null),
    ["--postgres", var connection, var log, "--lease-seconds", var lease] when double.TryParse(lease, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 =>
        (null, connection, log, TimeSpan.FromSeconds(seconds)),
    _ => null,
};
if (mode is not { } m)
{
    Console.Error.WriteLine("usage: Durable.Backend.CrashWorker <backend address, http://127.0.0.1:PORT> <execution log file>");
    Console.Error.WriteLine("   or: Durable.Backend.CrashWorker --postgres \"<connection string>\" <execution log file> [--lease-seconds N]");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new ExecutionLog(m.Log));
if (m.Postgres is { } postgres)
{
    builder.Services.AddInProcessDurableBackend(o =>
    {
        o.Provider = "Postgres";
        o.PostgresConnectionString = postgres;
        // A killed process's leases hold its work until they expire: the test keeps that short.
        o.LeaseDuration = m.Lease ?? o.LeaseDuration;
    });
}

builder.Services.AddDurableTaskWorker(b =>
{
    b.AddTasks(CrashWorkload.Register);
    if (m.Address is { } address)
    {
        b.UseGrpc(address);
    }
    else
    {
        b.UseInProcessDurableBackend();
    }

    // Little parallelism and slow activities, so a batch takes seconds and kills land mid-work. Processes sharing a
    // database share a larger batch, so each takes more at once.
    b.Configure(o =>
    {
        o.Concurrency.MaximumConcurrentActivityWorkItems = m.Postgres is null ? 4 : 16;
        o.Concurrency.MaximumConcurrentOrchestrationWorkItems = m.Postgres is null ? 8 : 16;
    });
});
await builder.Build().RunAsync();
return 0;
