using Durable.Storage;
using Durable.Storage.Sqlite;
using Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durable;

/// <summary>Adds the durable orchestration engine to an application.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: a <see cref="DurableTaskClient"/> singleton, the SQLite store and (unless
    /// <see cref="DurableTaskOptions.EnableWorker"/> is false) a hosted worker that runs orchestrations and activities.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddDurableTask(d => d
    ///     .AddOrchestrator&lt;HelloSequence&gt;()
    ///     .AddActivity&lt;SayHello&gt;()
    ///     .UseSqlite("data/durable.db"));
    /// </code>
    /// </example>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        var builder = new DurableTaskBuilder(services);
        configure(builder);
        services.AddOptions<DurableTaskOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(builder.Registry);
        services.AddSingleton<IOrchestrationStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
            return new SqliteOrchestrationStore(
                options.DatabasePath, options.MaxDequeueCount, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteOrchestrationStore>());
        });
        services.AddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<IOrchestrationStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<DurableTaskWorker>();
        return services;
    }
}
