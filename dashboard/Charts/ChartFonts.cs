namespace Dashboard.Charts;

/// <summary>
/// The font charts are drawn with. SkiaSharp draws only fonts installed on the host; the first of these that
/// is there wins, all of which have å, ä and ö (Debian: fonts-dejavu-core or fonts-liberation).
/// </summary>
internal static class ChartFonts
{
    private static readonly string[] Preferred = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"];

    public static string Family { get; } = Find();

    private static string Find()
    {
        foreach (var name in Preferred)
        {
            if (ScottPlot.Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName == name)
            {
                return name;
            }
        }
        // ScottPlot's own pick for "Swedish text" on this host: better than a missing glyph.
        return ScottPlot.Fonts.Detect("Åmål Göteborg");
    }
}
