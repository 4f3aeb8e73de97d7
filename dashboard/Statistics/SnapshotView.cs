namespace Dashboard.Statistics;

/// <summary>A read-only look at the snapshot's arrays while its lock is held.</summary>
internal readonly struct SnapshotView(FactSnapshot owner, EpisodeFact[] episodes, int episodeCount, UnitFact[] units, int unitCount)
{
    public ReadOnlySpan<EpisodeFact> Episodes => episodes.AsSpan(0, episodeCount);
    public ReadOnlySpan<UnitFact> Units => units.AsSpan(0, unitCount);
    public FactSnapshot Owner => owner;
}
