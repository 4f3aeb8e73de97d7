using CareTransitions.Directory;
using Microsoft.DurableTask;

namespace CareTransitions.Workflow.Activities;

internal sealed record RouteRequest(string MunicipalityCode, IReadOnlyList<Need> Needs);

internal sealed record RoutedUnits(IReadOnlyList<Unit> Units, string AssistiveDevicesResponsibility);

/// <summary>Looks up the units to notify. An activity because the directory is read from a file that may change.</summary>
internal sealed class RouteUnits(UnitsDirectory directory, UnitRouter router) : TaskActivity<RouteRequest, RoutedUnits>
{
    public override Task<RoutedUnits> RunAsync(TaskActivityContext context, RouteRequest input)
    {
        // Intake refused unknown municipalities, so a miss here means the directory lost one mid-flight:
        // fail loudly (the retry policy retries, then the status shows it) rather than notify nobody.
        var units = router.Route(input.MunicipalityCode, input.Needs)
            ?? throw new InvalidOperationException($"Municipality {input.MunicipalityCode} is not in the units directory.");
        var municipality = directory.FindMunicipality(input.MunicipalityCode)!;
        return Task.FromResult(new RoutedUnits(units, municipality.AssistiveDevicesResponsibility));
    }
}
