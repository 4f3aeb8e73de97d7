using CareTransitions.Directory;
using CareTransitions.Handover;
using CareTransitions.Intake;
using CareTransitions.Workflow;

namespace BenchmarkSeeding;

/// <summary>One generated transition: what the durable status and the app store say of it.</summary>
/// <param name="Open">Running in the durable store; the others are Completed.</param>
internal sealed record SeededTransition(
    string Id, string Reference, string EpisodeId, Ward Ward, Municipality Municipality, IReadOnlyList<Unit> Units, DateTimeOffset CreatedAt, TransitionPhase Phase, bool Open);

/// <summary>
/// Transitions as the workflow leaves them, spread over the past year: a ward of the region, a municipality of the units
/// directory with its coordination and one or two more of its units, a unique reference as <see cref="TransitionReferences"/>
/// makes them (four characters, a fifth after collisions). Deterministic for a seed. Shared by the handover and the
/// work-list benchmarks (linked into both, which see the library's internals).
/// </summary>
internal static class SeededTransitions
{
    private static readonly string[] WardNames = ["Medicin", "Geriatrik", "Ortopedi", "Kirurgi", "Kardiologi", "Neurologi", "Psykiatri", "Infektion"];

    /// <param name="open">How many stay Running, created in the last two weeks, the rest Completed over the past year;
    /// null: all Running, spread over the past year (the handover benchmark's).</param>
    /// <param name="byPopulation">Municipalities drawn by <see cref="MunicipalityPopulation"/> rather than evenly.</param>
    public static IReadOnlyList<SeededTransition> Generate(
        int count, UnitsDirectory directory, DateTimeOffset now, int? open = null, int seed = 1, bool byPopulation = false)
    {
        var random = new Random(seed);
        var municipalities = directory.Municipalities.Where(m => m.Units.Count > 0).ToList();
        // Cumulative weights: a draw in [0, total) falls in one municipality's stretch. Every municipality must have a figure.
        var cumulative = new List<int>(municipalities.Count);
        foreach (var m in municipalities)
        {
            var weight = byPopulation
                ? MunicipalityPopulation.Thousands.TryGetValue(m.Code, out var thousands) ? thousands : throw new InvalidOperationException($"No population for municipality {m.Code}.")
                : 1;
            cumulative.Add((cumulative.Count == 0 ? 0 : cumulative[^1]) + weight);
        }
        var wards = Enumerable.Range(1, 40)
            .Select(i => new Ward($"SE2321000131-E0000000{i:00000}", $"Avdelning {i} {WardNames[i % WardNames.Length]}"))
            .ToList();
        var references = new HashSet<string>(StringComparer.Ordinal);
        var transitions = new List<SeededTransition>(count);
        var opened = 0;
        for (var i = 0; i < count; i++)
        {
            var ward = wards[random.Next(wards.Count)];
            var draw = random.Next(cumulative[^1]);
            var municipality = municipalities[cumulative.FindIndex(c => draw < c)];
            var coordination = municipality.Units.FirstOrDefault(u => u.Type == UnitType.MunicipalCoordination) ?? municipality.Units[0];
            var others = municipality.Units.Where(u => u != coordination).OrderBy(_ => random.Next()).Take(random.Next(0, 3));
            var episode = $"BENCH-{i:000000}";
            // The open ones are the last weeks'; the rest ended over the past year.
            var isOpen = open is not { } limit || (i % Math.Max(1, count / Math.Max(1, limit)) == 0 && opened < limit);
            opened += isOpen ? 1 : 0;
            var created = now - TimeSpan.FromMinutes(isOpen && open is not null ? random.Next(30, 14 * 24 * 60) : random.Next(30, 365 * 24 * 60));
            var phase = random.Next(10) switch { < 5 => TransitionPhase.ReadyForDischarge, < 8 => TransitionPhase.Discharged, _ => TransitionPhase.Admitted };
            transitions.Add(new SeededTransition(
                TransitionIds.For(ward.HsaId, episode), UniqueReference(references), episode, ward, municipality, [coordination, .. others], created, isOpen ? phase : TransitionPhase.Completed, isOpen));
        }

        return transitions;
    }

    // As TransitionReferences.EnsureAsync: four characters, one more after every fourth collision.
    private static string UniqueReference(HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reference = TransitionReferences.New(4 + (attempt / 4));
            if (taken.Add(reference))
            {
                return reference;
            }
        }
    }
}
