using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Statistics;

/// <summary>
/// Reads the filter from a query string. Every bad value is reported by field name with how to fix it,
/// never ignored: a steering group that mistypes a date must not get figures for another period.
/// </summary>
internal static partial class StatisticsFilterParser
{
    private const int MaxPeriodDays = 3_660;

    public static (StatisticsFilter? Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var to = ParseDate(query, "to", errors) ?? today;
        var from = ParseDate(query, "from", errors) ?? to.AddYears(-1).AddDays(1);
        var compare = ParseDate(query, "compareDate", errors);

        var municipality = Single(query, "municipality");
        if (municipality is not null && !MunicipalityCode().IsMatch(municipality))
        {
            errors["municipality"] = ["Ange kommunkoden med fyra siffror (SCB), t.ex. 1480 för Göteborg."];
        }
        var ward = Single(query, "ward");
        if (ward is not null && !HsaId().IsMatch(ward))
        {
            errors["ward"] = ["Ange avdelningens HSA-id, t.ex. SE2321000131-E000000012345."];
        }
        int? careType = null;
        if (Single(query, "careType") is { } careText)
        {
            careType = CareTypes.Parse(careText);
            if (careType is null)
            {
                errors["careType"] = ["Ange Somatic (somatisk vård) eller Psychiatric (psykiatrisk vård)."];
            }
        }
        var needsMask = 0;
        foreach (var need in query["needs"].Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            if (NeedFlags.BitOf(need!) is { } bit)
            {
                needsMask |= bit;
            }
            else
            {
                errors["needs"] = [$"Okänt behov '{need}'. Tillåtna värden: {string.Join(", ", NeedFlags.Names)}."];
            }
        }

        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (from > to)
            {
                errors["from"] = ["Från-datumet måste vara samma dag som eller före till-datumet."];
            }
            else if (to.DayNumber - from.DayNumber >= MaxPeriodDays)
            {
                errors["from"] = ["Perioden får vara högst tio år; välj ett senare från-datum."];
            }
            if (compare is { } c && !errors.ContainsKey("compareDate") && (c <= from || c > to))
            {
                errors["compareDate"] = ["Jämförelsedatumet måste ligga efter från-datumet och senast på till-datumet."];
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new StatisticsFilter(from, to, municipality, ward, careType, needsMask, compare), errors);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query[name].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static DateOnly? ParseDate(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Single(query, name) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }
        errors[name] = [$"'{text}' är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-01-31."];
        return null;
    }

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex MunicipalityCode();

    [GeneratedRegex("^SE[0-9A-Za-z-]{4,60}$")]
    private static partial Regex HsaId();
}
