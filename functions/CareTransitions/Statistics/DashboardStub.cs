#if DASHBOARD_STUB
using System.Collections.Concurrent;
using Dashboard.Outcomes;

namespace Dashboard;

/// <summary>Only for builds with -p:DashboardStub=true: keeps outcomes in memory.</summary>
internal sealed class InMemoryOutcomeRecorder : IOutcomeRecorder
{
    public ConcurrentDictionary<string, TransitionOutcome> Outcomes { get; } = new();

    public Task RecordAsync(TransitionOutcome outcome, CancellationToken cancellationToken = default)
    {
        this.Outcomes[outcome.TransitionId] = outcome;
        return Task.CompletedTask;
    }
}

internal static class DashboardStubExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services.AddSingleton<IOutcomeRecorder, InMemoryOutcomeRecorder>();
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints) => endpoints;
}
#endif
