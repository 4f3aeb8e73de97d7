using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Charts;
using SkiaSharp;

namespace Dashboard.Tests.Charts;

public sealed class ChartTests
{
    private static readonly ChartSpec Line = new("c", "Medeldagar per vecka", ChartKind.Line, "Vecka", "Dagar", ["v1", "v2", "v3", "v4"],
        [new ChartSeries("Medeldagar", [4.0, null, 2.0, 3.0])], v => v.ToString("0.#", CultureInfo.InvariantCulture), 2, "Nytt arbetssätt");

    private static readonly ChartSpec Bars = new("b", "Per kommun", ChartKind.Bar, "Kommun", "Dagar", ["Göteborg", "Åmål & Dals-Ed", "Hjo"],
        [new ChartSeries("Medeldagar", [2.5, 5, null])], v => v.ToString("0.0", CultureInfo.InvariantCulture));

    [Fact]
    public void Png_Line_DecodesAtTwiceTheChartsSize()
    {
        using var bitmap = SKBitmap.Decode(ChartRenderer.Png(Line));

        Assert.NotNull(bitmap);
        Assert.Equal((ChartRenderer.Width * 2, ChartRenderer.LineHeight * 2), (bitmap.Width, bitmap.Height));
        // Something is drawn: not one flat colour.
        Assert.True(bitmap.Pixels.Distinct().Count() > 20);
    }

    [Fact]
    public void Png_Bars_GrowsWithTheNumberOfBars()
    {
        using var bitmap = SKBitmap.Decode(ChartRenderer.Png(Bars, scale: 1));
        var (width, height) = ChartRenderer.SizeOf(Bars);

        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.Equal(60 + 3 * 20, height);
    }

    [Fact]
    public void Svg_Line_IsAnImageNamedByItsTitleAndDescribedInWords()
    {
        var svg = ChartRenderer.Svg(Line);

        Assert.StartsWith("""<svg class="chart" id="c" """, svg, StringComparison.Ordinal);
        Assert.Contains("""viewBox="0 0 860 320" role="img" aria-labelledby="c-title c-desc">""", svg, StringComparison.Ordinal);
        Assert.Contains("""<title id="c-title">Medeldagar per vecka</title>""", svg, StringComparison.Ordinal);
        Assert.Contains("första värdet 4, sista 3, lägst 2, högst 4", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", svg, StringComparison.Ordinal);
        Assert.Contains("Nytt arbetssätt", svg, StringComparison.Ordinal);
        Assert.All(Regex.Matches(svg, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value), id => Assert.StartsWith("c", id, StringComparison.Ordinal));
        Assert.All(Regex.Matches(svg, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value), id => Assert.StartsWith("c-", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Svg_Bars_WritesSwedishNamesAndMissingValuesAsText()
    {
        var svg = ChartRenderer.Svg(Bars);

        Assert.Contains("Åmål &amp; Dals-Ed", svg, StringComparison.Ordinal);
        Assert.Contains("uppgift saknas", svg, StringComparison.Ordinal);
        Assert.Contains("Högst: Åmål &amp; Dals-Ed (5.0)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTable_LineWithGap_HasOneRowPerPointAndTheGapAsMissing()
    {
        var table = Line.ToTable();

        Assert.Equal(["Vecka", "Medeldagar (dagar)"], table.Columns);
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(["v2", null], table.Rows[1]);
        Assert.Equal(["v3", 2.0], table.Rows[2]);
    }

    [Fact]
    public void Describe_NoValues_SaysSoInsteadOfInventingAZero()
    {
        var empty = Bars with { Series = [new ChartSeries("Medeldagar", [null, null, null])] };

        Assert.Equal("Per kommun: inga värden för perioden.", empty.Describe());
        Assert.False(empty.HasValues);
        Assert.NotEmpty(ChartRenderer.Png(empty, scale: 1));
    }
}
