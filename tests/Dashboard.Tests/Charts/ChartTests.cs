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
    public void Svg_SmallValues_WritesEveryAxisLabelOnce()
    {
        // Medians of a few minutes written in hours drew "0,1 h 0,1 h 0,2 h" on the axis.
        var small = Line with { Series = [new ChartSeries("Mediantid", [0.12, 0.2, 0.31, 0.25])], Format = v => v.ToString("0.# h", CultureInfo.GetCultureInfo("sv-SE")), MarkerIndex = null };

        var texts = Regex.Matches(ChartRenderer.Svg(small), "<text[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value.Trim()).ToList();

        Assert.Contains("0 h", texts);
        Assert.Contains("0,1 h", texts);
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(0.335, "0.#", new[] { 0, 0.1, 0.2, 0.3 })]
    [InlineData(1.0, "N0", new[] { 0.0, 1 })]
    [InlineData(13_400.0, "N0", new[] { 0.0, 2_000, 4_000, 6_000, 8_000, 10_000, 12_000 })]
    [InlineData(54.0, "0", new[] { 0.0, 10, 20, 30, 40, 50 })]
    public void ValueTicks_For_RoundStepsWithLabelsThatDiffer(double top, string format, double[] expected)
    {
        var ticks = ValueTicks.For(top, v => v.ToString(format, CultureInfo.GetCultureInfo("sv-SE")), ValueTicks.Decimal);

        Assert.Equal(expected, ticks.Select(t => Math.Round(t.Value, 6)));
        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(62_012_400.0)]        // a year's cost in kronor: 0,01-kronor steps would number 6e9, past an int
    [InlineData(6_201_240_000_000.0)] // and far past the listed steps
    [InlineData(40_000_000.0 * 24 * 60)] // minutes beyond the listed minute steps
    public void ValueTicks_For_LargeTopsStillGetFewRoundTicks(double top)
    {
        foreach (var steps in new[] { ValueTicks.Decimal, ValueTicks.Minutes })
        {
            var ticks = ValueTicks.For(top, v => v.ToString("N0", CultureInfo.GetCultureInfo("sv-SE")), steps);

            Assert.InRange(ticks.Count, 2, ValueTicks.MaxTicks);
            Assert.True(ticks[^1].Value * 2 >= top, $"the last tick {ticks[^1].Value} is far below {top}");
            Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void ValueTicks_ForMinutes_StepsAClockReaderExpects()
    {
        var ticks = ValueTicks.For(200, v => v.ToString("N0", CultureInfo.InvariantCulture), ValueTicks.Minutes);

        Assert.Equal([0, 30, 60, 90, 120, 150, 180], ticks.Select(t => t.Value));
    }

    [Fact]
    public void Render_NoValues_SaysNoDataInsteadOfDrawingEmptyAxes()
    {
        var empty = Bars with { Series = [new ChartSeries("Kostnad", [null, null, null])], Format = v => v.ToString("N0", CultureInfo.InvariantCulture) + " kr" };

        var svg = ChartRenderer.Svg(empty);
        var figure = Dashboard.Presentation.ChartFigure.Render(empty, "Definition.", printMode: false);

        Assert.Contains("Inga data för perioden", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(" kr<", svg, StringComparison.Ordinal);
        Assert.Contains("""<p class="chart-empty" id="b">Inga data för perioden.</p>""", figure, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", figure, StringComparison.Ordinal);
        // The table of what would be drawn stays, saying each value is missing.
        Assert.Contains("uppgift saknas", figure, StringComparison.Ordinal);
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
