using Microsoft.Extensions.DependencyInjection;

namespace Durable;

/// <summary>Registers orchestrators and activities and configures the engine; see <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>.</summary>
public sealed class DurableTaskBuilder
{
    internal DurableTaskBuilder(IServiceCollection services) => this.Services = services;

    /// <summary>The service collection, for registering what activities depend on.</summary>
    public IServiceCollection Services { get; }

    internal DurableTaskRegistry Registry { get; } = new();

    /// <summary>Registers a class-based orchestrator under its class name (or its <see cref="DurableTaskAttribute"/>).</summary>
    public DurableTaskBuilder AddOrchestrator<T>() where T : class, ITaskOrchestrator
    {
        this.Registry.AddOrchestrator(DurableTaskRegistry.NameOf(typeof(T)), DurableTaskRegistry.Activate<ITaskOrchestrator>(typeof(T)));
        return this;
    }

    /// <summary>Registers a class-based activity under its class name (or its <see cref="DurableTaskAttribute"/>); created from DI per call.</summary>
    public DurableTaskBuilder AddActivity<T>() where T : class, ITaskActivity
    {
        this.Registry.AddActivity(DurableTaskRegistry.NameOf(typeof(T)), DurableTaskRegistry.Activate<ITaskActivity>(typeof(T)));
        return this;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    public DurableTaskBuilder AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    {
        this.Registry.AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(run));
        return this;
    }

    /// <summary>Registers an activity written as a function.</summary>
    public DurableTaskBuilder AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run)
    {
        this.Registry.AddActivity(name, _ => new FuncActivity<TInput, TOutput>(run));
        return this;
    }

    /// <summary>Stores instances in the SQLite file at <paramref name="databasePath"/>.</summary>
    public DurableTaskBuilder UseSqlite(string databasePath) => this.Configure(o => o.DatabasePath = databasePath);

    /// <summary>Changes engine settings.</summary>
    public DurableTaskBuilder Configure(Action<DurableTaskOptions> configure)
    {
        this.Services.Configure(configure);
        return this;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
