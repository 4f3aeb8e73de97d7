using Durable;
using Durable.CrashWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker process for the crash-safety test: `Durable.CrashWorker <database path>`.
// The test kills it with SIGKILL at arbitrary moments and starts it again on the same file.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Durable.CrashWorker <database path>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDurableTask(d => d
    .UseSqlite(args[0])
    .Configure(o =>
    {
        // Short leases so a restarted worker takes over a killed one's work quickly.
        o.LeaseDuration = TimeSpan.FromSeconds(2);
        o.PollingInterval = TimeSpan.FromMilliseconds(100);
        o.MaxDequeueCount = 1000;

        // Little parallelism and slow activities (below), so a batch takes seconds and kills land mid-work.
        o.MaxConcurrentActivities = 4;
        o.MaxConcurrentOrchestrations = 8;
    })
    .AddOrchestrator<CrashWorkload>()
    .AddActivity<AddOne>()
    .AddActivity<DoubleIt>());
builder.Services.AddSingleton(new ExecutionLog(args[0] + ".executions"));
await builder.Build().RunAsync();
return 0;
