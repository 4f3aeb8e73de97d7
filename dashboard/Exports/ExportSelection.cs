using System.Globalization;
using System.Text;
using Dashboard.Presentation;
using Dashboard.Statistics;

namespace Dashboard.Exports;

/// <summary>
/// What an exported file holds (urval): the filter in words and when it was produced, written as the CSV's first lines
/// and the .xlsx's first sheet, and the filter as a short ASCII part of the file name. A file mailed on to someone
/// else still says which municipality, care type and needs its figures are for.
/// </summary>
internal sealed record ExportSelection(IReadOnlyList<(string Name, string Value)> Rows, string FileName)
{
    public const string SheetName = "Urval";

    /// <param name="filter">The filter the table was computed with.</param>
    /// <param name="table">The exported table (its title and id).</param>
    /// <param name="wardName">The ward's name if the store knows it; its HSA-id is shown either way.</param>
    /// <param name="producedAt">Now, from the host's clock; written in Swedish local time.</param>
    /// <param name="format">The file's extension: csv or xlsx.</param>
    public static ExportSelection Of(StatisticsFilter filter, ReportTable table, string? wardName, DateTimeOffset producedAt, string format)
    {
        var needs = NeedFlags.SwedishNames.Where((_, i) => (filter.NeedsMask & (1 << i)) != 0).ToList();
        var rows = new List<(string, string)>
        {
            ("Rapport", DashboardPage.Title),
            ("Tabell", table.Title),
            ("Period", $"{Html.Iso(filter.From)} – {Html.Iso(filter.To)} (vårdtillfällen som avslutades dessa dagar)"),
            ("Kommun", filter.Municipality is { } m ? $"{MunicipalityNames.NameOf(m)} ({m})" : "Alla kommuner"),
            ("Avdelning", filter.Ward is { } w ? (wardName is null ? w : $"{wardName} ({w})") : "Alla avdelningar"),
            ("Vårdform", filter.CareType is { } c ? CareTypes.SwedishNames[c] : "Somatisk och psykiatrisk vård"),
            ("Behov", needs.Count > 0 ? string.Join(", ", needs) + (needs.Count > 1 ? " (alla valda)" : string.Empty) : "Alla, inget behov valt"),
        };
        if (filter.CompareDate is { } compare)
        {
            rows.Add(("Jämförelsedatum", Html.Iso(compare)));
        }
        var local = SwedishCalendar.LocalTime(producedAt);
        rows.Add(("Framtagen", local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (svensk tid)"));
        return new ExportSelection(rows, FileNameOf(filter, table.Id, wardName, format));
    }

    // The dates as before, then the filter in lower-case ASCII: uppfoljning-veckor-2024-01-01-2024-12-31_goteborg_rehabilitering.csv.
    private static string FileNameOf(StatisticsFilter filter, string tableId, string? wardName, string format)
    {
        var parts = new List<string> { $"uppfoljning-{tableId}-{Html.Iso(filter.From)}-{Html.Iso(filter.To)}" };
        if (filter.Municipality is { } m)
        {
            parts.Add(Slug(MunicipalityNames.NameOf(m)));
        }
        if (filter.Ward is { } w)
        {
            parts.Add(Slug(wardName ?? w));
        }
        if (filter.CareType is { } c)
        {
            parts.Add(Slug(CareTypes.SwedishNames[c]));
        }
        parts.AddRange(NeedFlags.SwedishNames.Where((_, i) => (filter.NeedsMask & (1 << i)) != 0).Select(Slug));
        if (tableId == "fore-efter" && filter.CompareDate is { } compare)
        {
            parts.Add("jamfort-" + Html.Iso(compare));
        }
        return string.Join('_', parts.Where(p => p.Length > 0)) + "." + format;
    }

    /// <summary>Lower-case a–z, 0–9 and single hyphens: "Lilla Edet" → lilla-edet, "Göteborg" → goteborg.</summary>
    internal static string Slug(string text)
    {
        var slug = new StringBuilder();
        // Decomposed, å ä ö é ü become a letter and a combining mark, and the mark is dropped.
        foreach (var ch in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(ch);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().TrimEnd('-');
        // Long ward names would make unwieldy file names.
        return result.Length > 30 ? result[..30].TrimEnd('-') : result;
    }
}
