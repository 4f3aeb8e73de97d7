using System.Globalization;
using System.Text;

namespace Dashboard.Statistics;

/// <summary>
/// What the steering group asked for. Episodes are selected by the day they ended (SKR), inclusive of both
/// ends; <see cref="CompareDate"/> splits the period into before (earlier days) and after (that day onward).
/// </summary>
internal sealed record StatisticsFilter(
    DateOnly From,
    DateOnly To,
    string? Municipality = null,
    string? Ward = null,
    int? CareType = null,
    int NeedsMask = 0,
    DateOnly? CompareDate = null)
{
    public int FromDay => From.DayNumber;
    public int ToDay => To.DayNumber;

    public IReadOnlyList<string> NeedNames =>
        NeedFlags.Names.Where((_, i) => (NeedsMask & (1 << i)) != 0).ToList();

    /// <summary>The same filter as a query string, for export links and the report page.</summary>
    public string ToQueryString()
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        Add("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("municipality", Municipality);
        Add("ward", Ward);
        Add("careType", CareType is { } c ? CareTypes.Names[c] : null);
        foreach (var need in NeedNames)
        {
            Add("needs", need);
        }
        Add("compareDate", CompareDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return query.ToString();
    }
}
