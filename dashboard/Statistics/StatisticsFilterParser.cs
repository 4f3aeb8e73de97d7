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
    /// <summary>The longest period the filter takes, in days (ten years).</summary>
    public const int MaxPeriodDays = 3_660;

    public static (StatisticsFilter? Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var to = ParseDate(query, "to", "Till-datum", errors) ?? today;
        var from = ParseDate(query, "from", "Från-datum", errors) ?? DefaultFrom(to);
        var compare = ParseDate(query, "compareDate", "Jämförelsedatum", errors);

        var municipality = Single(query, "municipality");
        if (municipality is not null && !MunicipalityCode().IsMatch(municipality))
        {
            errors["municipality"] = ["Kommun: ange kommunkoden med fyra siffror (SCB), t.ex. 1480 för Göteborg."];
        }
        var ward = Single(query, "ward");
        if (ward is not null && !HsaId().IsMatch(ward))
        {
            errors["ward"] = ["Avdelning: ange avdelningens HSA-id, t.ex. SE2321000131-E000000012345."];
        }
        int? careType = null;
        if (Single(query, "careType") is { } careText)
        {
            careType = CareTypes.Parse(careText);
            if (careType is null)
            {
                errors["careType"] = ["Vårdform: ange Somatic (somatisk vård) eller Psychiatric (psykiatrisk vård)."];
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
                errors["needs"] = [$"Behov: okänt värde '{need}'. Tillåtna värden: {string.Join(", ", NeedFlags.SwedishNames.Zip(NeedFlags.Names, (sv, value) => $"{sv} ({value})"))}."];
            }
        }

        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (from > to)
            {
                errors["from"] = [$"Från-datum måste vara samma dag som eller före till-datumet ({Iso(to)})."];
            }
            else if (to.DayNumber - from.DayNumber >= MaxPeriodDays)
            {
                errors["from"] = [$"Perioden får vara högst tio år: välj ett från-datum från och med {Iso(to.AddDays(1 - MaxPeriodDays))}."];
            }
            if (compare is { } c && !errors.ContainsKey("compareDate") && (c <= from || c > to))
            {
                errors["compareDate"] = [$"Jämförelsedatum måste ligga inom perioden {Iso(from.AddDays(1))}–{Iso(to)}: efter från-datum och senast till-datum."];
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new StatisticsFilter(from, to, municipality, ward, careType, needsMask, compare), errors);
    }

    /// <summary>The default period ends on <c>to</c> (today unless given) and covers the twelve months up to it.</summary>
    public static DateOnly DefaultFrom(DateOnly to) => to.AddYears(-1).AddDays(1);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Single(IQueryCollection query, string name) =>
        query[name].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static DateOnly? ParseDate(IQueryCollection query, string name, string swedishName, Dictionary<string, string[]> errors)
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
        errors[name] = [$"{swedishName}: '{text}' är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD mellan 2000-01-01 och 2100-12-31, t.ex. 2024-01-31."];
        return null;
    }

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex MunicipalityCode();

    [GeneratedRegex("^SE[0-9A-Za-z-]{4,60}$")]
    private static partial Regex HsaId();
}
