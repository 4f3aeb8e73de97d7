using Dashboard.Statistics;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Presentation;

/// <summary>
/// What the filter form shows: an accepted filter, or the values as the user sent them when the filter was refused,
/// so the form comes back as it was typed, beside the errors, and can be corrected.
/// </summary>
internal sealed record FilterFormValues(
    string From, string To, string? Municipality, string? Ward, string? CareType, IReadOnlyList<string> Needs, string? CompareDate)
{
    public static FilterFormValues Of(StatisticsFilter filter) => new(
        Html.Iso(filter.From), Html.Iso(filter.To), filter.Municipality, filter.Ward,
        filter.CareType is { } c ? CareTypes.Names[c] : null, filter.NeedNames, filter.CompareDate is { } d ? Html.Iso(d) : null);

    public static FilterFormValues Of(IQueryCollection query) => new(
        Last(query, "from") ?? string.Empty, Last(query, "to") ?? string.Empty, Last(query, "municipality"), Last(query, "ward"),
        Last(query, "careType"), query["needs"].Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).ToList(), Last(query, "compareDate"));

    private static string? Last(IQueryCollection query, string name) =>
        query[name].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
