using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>HTML encoding and the Swedish number formats every page, chart and export uses.</summary>
internal static class Html
{
    private static readonly CultureInfo Sv = SwedishCalendar.Swedish;

    // The default encoder escapes å, ä and ö as entities; Swedish text reads better, and greps better, as itself.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    public const string Missing = "uppgift saknas";

    public static string Number(long value) => value.ToString("N0", Sv);

    public static string Decimal(double? value, int decimals = 1) =>
        value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Sv) : Missing;

    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("N1", Sv) + " %" : Missing;

    public static string Kronor(decimal value) => value.ToString("N0", Sv) + " kr";

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Sv);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A wait in minutes as a person would say it: "45 min", "3 h 10 min", "2 d 4 h".</summary>
    public static string Duration(int? minutes)
    {
        if (minutes is not { } m)
        {
            return Missing;
        }
        if (m < 60)
        {
            return $"{m} min";
        }
        if (m < 24 * 60)
        {
            return m % 60 == 0 ? $"{m / 60} h" : $"{m / 60} h {m % 60} min";
        }
        var hours = m / 60;
        return hours % 24 == 0 ? $"{hours / 24} d" : $"{hours / 24} d {hours % 24} h";
    }
}
