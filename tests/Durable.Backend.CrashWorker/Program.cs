using Durable.Backend.CrashWorker;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker process for the backend's crash tests: `Durable.Backend.CrashWorker <backend address> <execution log>`.
// The test kills it (or the backend it talks to) with SIGKILL at arbitrary moments and starts it again.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Durable.Backend.CrashWorker <backend address, http://127.0.0.1:PORT> <execution log file>");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new ExecutionLog(args[1]));
builder.Services.AddDurableTaskWorker(b =>
{
    b.AddTasks(CrashWorkload.Register);
    b.UseGrpc(args[0]);

    // Little parallelism and slow activities, so a batch takes seconds and kills land mid-work.
    b.Configure(o =>
    {
        o.Concurrency.MaximumConcurrentActivityWorkItems = 4;
        o.Concurrency.MaximumConcurrentOrchestrationWorkItems = 8;
    });
});
await builder.Build().RunAsync();
return 0;
