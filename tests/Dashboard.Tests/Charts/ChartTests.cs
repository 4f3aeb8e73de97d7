using Dashboard.Charts;

namespace Dashboard.Tests.Charts;

public sealed class ChartTests
{
    [Theory]
    [InlineData(4.3, 5, 1)]
    [InlineData(67, 80, 20)]
    [InlineData(0.42, 0.5, 0.1)]
    [InlineData(0, 1, 0.2)]
    [InlineData(1234, 1250, 250)]
    public void For_MaximumValue_GivesRoundMaxAndStep(double max, double expectedMax, double expectedStep)
    {
        var scale = ChartScale.For(max);

        Assert.Equal(expectedMax, scale.Max, 9);
        Assert.Equal(expectedStep, scale.Step, 9);
    }

    [Fact]
    public void Render_LineWithGap_BreaksThePathAndDescribesTheValues()
    {
        var chart = new LineChart("c", "Medeldagar per vecka", "Dagar", ["v1", "v2", "v3", "v4"],
            [new LineSeries("Medeldagar", [4.0, null, 2.0, 3.0])], v => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), 2, "Nytt arbetssätt");

        var svg = chart.Render();

        Assert.Contains("""<title id="c-title">Medeldagar per vecka</title>""", svg, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"c-title c-desc\"", svg, StringComparison.Ordinal);
        Assert.Contains("första värdet 4, sista 3, lägst 2, högst 4", svg, StringComparison.Ordinal);
        var path = System.Text.RegularExpressions.Regex.Match(svg, "<path class=\"series0\" d=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(2, path.Count(c => c == 'M'));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(svg, "<circle").Count);
        Assert.Contains("<title>v3: 2</title>", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"marker\"", svg, StringComparison.Ordinal);
        Assert.Contains(">Nytt arbetssätt</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Bars_ScalesLongestBarToTheMaximumAndLabelsMissingValues()
    {
        var chart = new BarChart("b", "Per kommun", "Dagar", [new Bar("Göteborg", 2.5), new Bar("Åmål & Dals-Ed", 5), new Bar("Hjo", null)],
            v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));

        var svg = chart.Render();
        var widths = System.Text.RegularExpressions.Regex.Matches(svg, "<rect class=\"bar\" x=\"150\" y=\"[^\"]+\" width=\"([^\"]+)\"")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(2, widths.Count);
        Assert.Equal(widths[1] / 2, widths[0], 1);
        Assert.Contains("Åmål &amp; Dals-Ed", svg, StringComparison.Ordinal);
        Assert.Contains(">uppgift saknas</text>", svg, StringComparison.Ordinal);
        Assert.Contains("Högst: Åmål &amp; Dals-Ed (5.0)", svg, StringComparison.Ordinal);
    }
}
