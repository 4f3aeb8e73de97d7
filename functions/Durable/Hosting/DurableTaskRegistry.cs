using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Durable;

/// <summary>The orchestrators and activities this process can run, by name.</summary>
internal sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> activities = new(StringComparer.OrdinalIgnoreCase);

    public static string NameOf(Type type) => type.GetCustomAttribute<DurableTaskAttribute>()?.Name ?? type.Name;

    public void AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory) => Add(this.orchestrators, name, factory);

    public void AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory) => Add(this.activities, name, factory);

    public bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        orchestrator = this.orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    public bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity)
    {
        activity = this.activities.TryGetValue(name, out var factory) ? factory(services) : null;
        return activity is not null;
    }

    public static Func<IServiceProvider, T> Activate<T>(Type type) => sp => (T)ActivatorUtilities.CreateInstance(sp, type);

    private static void Add<T>(Dictionary<string, T> map, string name, T factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"'{name}' is registered twice.");
        }
    }
}
