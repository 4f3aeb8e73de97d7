using Microsoft.Extensions.Logging;

namespace Durable.Benchmarks;

/// <summary>Warnings and errors from every engine to the console; nothing chattier, so logging costs the same everywhere.</summary>
internal static class BenchmarkLogging
{
    public static ILoggingBuilder AddBenchmarkLogging(this ILoggingBuilder logging) =>
        logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // The Azure Storage provider warns each time it defers an ExecutionStarted message it dequeued before the
            // client had written the instance's row (its start de-duplication): routine when a worker picks work up fast.
            .AddFilter("DurableTask.AzureStorage", LogLevel.Error);

    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(logging => logging.AddBenchmarkLogging());
}
