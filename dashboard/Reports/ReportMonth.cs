using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using Dashboard.Statistics;

namespace Dashboard.Reports;

/// <summary>A calendar month a steering-group report covers (rapportmånad), written <c>yyyy-MM</c>.</summary>
/// <param name="Year">The year, 2000–2100 (the dashboard's date range).</param>
/// <param name="Month">The month, 1–12.</param>
public readonly record struct ReportMonth(int Year, int Month)
{
    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(this.Year, this.Month, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly LastDay => this.FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>The month after this one.</summary>
    // IMPORTANT: not serialized. A month travels in an activity's result (MonthlyReportDelivery), and every month's Next
    // (or Previous) is another month: a serializer that followed them would never end.
    [JsonIgnore]
    public ReportMonth Next => Of(this.FirstDay.AddMonths(1));

    /// <summary>The month before this one.</summary>
    [JsonIgnore]
    public ReportMonth Previous => Of(this.FirstDay.AddMonths(-1));

    /// <summary>The month a date falls in.</summary>
    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>Reads <c>yyyy-MM</c> (e.g. <c>2026-11</c>); false for anything else, <c>2026-13</c> included.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReportMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2100 || number is < 1 or > 12)
        {
            return false;
        }
        month = new ReportMonth(year, number);
        return true;
    }

    /// <summary>Reads <c>yyyy-MM</c>.</summary>
    /// <exception cref="FormatException">The text is not a month written yyyy-MM.</exception>
    public static ReportMonth Parse(string text) =>
        TryParse(text, out var month) ? month : throw new FormatException($"'{text}' is not a month written yyyy-MM, e.g. 2026-11.");

    /// <summary>The month in Swedish, e.g. "november 2026".</summary>
    public string SwedishName => this.FirstDay.ToString("MMMM yyyy", SwedishCalendar.Swedish);

    /// <summary><c>yyyy-MM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{this.Year:0000}-{this.Month:00}");
}
