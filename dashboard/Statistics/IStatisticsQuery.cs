namespace Dashboard.Statistics;

/// <summary>Computes the dashboard's figures for a filter.</summary>
internal interface IStatisticsQuery
{
    StatisticsReport Compute(StatisticsFilter filter);

    /// <summary>The municipalities and wards that occur in the data, for the filter form.</summary>
    FilterChoices Choices();
}

internal sealed record FilterChoices(
    IReadOnlyList<(string Code, string Name)> Municipalities,
    IReadOnlyList<(string HsaId, string Name)> Wards);
