using Dashboard.Demo;
using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection;
using Platform.Outcomes;

namespace Dashboard.Tests.Support;

/// <summary>Fills a host's store with a small, fixed synthetic year so pages have something to draw.</summary>
internal static class DemoSeed
{
    public static readonly DemoOptions Options = new(Count: 3_000, Seed: 42, Start: new DateOnly(2024, 1, 1), Days: 366, ImprovementDate: new DateOnly(2024, 7, 1));

    public const string YearQuery = "?from=2024-01-01&to=2024-12-31";

    public static async Task<IReadOnlyList<TransitionOutcome>> FillAsync(DashboardHost host)
    {
        var outcomes = new DemoOutcomeGenerator(Options).Generate().ToList();
        await host.Services.GetRequiredService<OutcomeRecorder>().RecordManyAsync(outcomes);
        return outcomes;
    }
}
