using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Charts;
using ScottPlot;

namespace Dashboard.Tests.Charts;

/// <summary>
/// WCAG 2.1 AA contrast of what the charts draw, computed (relative luminance, WCAG 2.1 §1.4.3 and §1.4.11): text at
/// least 4.5:1 and lines, bars and markers at least 3:1 against the chart's background. The colours are read from
/// <see cref="ChartPalette"/> and from the SVG the renderer writes, so a colour added to the code or left to the
/// library's defaults is checked too.
/// </summary>
public sealed partial class ChartPaletteTests
{
    private static readonly ChartSpec Line = new("c", "Per vecka", ChartKind.Line, "Vecka", "Dagar", ["v1", "v2", "v3", "v4"],
        [new ChartSeries("Utskrivna samma dag", [4.0, null, 2.0, 3.0]), new ChartSeries("Återinskrivna", [1.0, 1.5, 2.5, 2.0])],
        v => v.ToString("0.#", CultureInfo.InvariantCulture), 2, "Jämförelsedatum");

    private static readonly ChartSpec Bars = new("b", "Per kommun", ChartKind.Bar, "Kommun", "Dagar", ["Göteborg", "Hjo"],
        [new ChartSeries("Medeldagar", [2.5, 5])], v => v.ToString("0.0", CultureInfo.InvariantCulture));

    private static IEnumerable<(string Name, Color Colour)> PaletteColours() =>
        typeof(ChartPalette).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .SelectMany(f => f.GetValue(null) switch
            {
                Color c => [(f.Name, c)],
                Color[] cs => cs.Select((c, i) => ($"{f.Name}[{i}]", c)),
                _ => [],
            });

    [Fact]
    public void Palette_EveryColour_MeetsItsContrastAgainstTheBackground()
    {
        var colours = PaletteColours().Where(c => c.Name != nameof(ChartPalette.Background)).ToList();

        Assert.Contains(colours, c => c.Name == nameof(ChartPalette.Text));
        Assert.True(colours.Count >= 4, $"only {colours.Count} palette colours found");
        foreach (var (name, colour) in colours)
        {
            var ratio = Contrast(colour, ChartPalette.Background);
            // Grid lines are the one decoration (ChartPalette.Grid says why); everything else carries information.
            var needed = name == nameof(ChartPalette.Text) ? 4.5 : name == nameof(ChartPalette.Grid) ? 1.0 : 3.0;
            Assert.True(ratio >= needed, $"{name} {colour.ToHex()} has {ratio:0.00}:1 against {ChartPalette.Background.ToHex()}, needs {needed}:1");
        }
        Assert.True(Contrast(ChartPalette.Text, ChartPalette.Background) >= 4.5);
    }

    [Fact]
    public void Svg_EveryTextAndShape_IsDrawnInPaletteColoursThatMeetTheirContrast()
    {
        var palette = PaletteColours().ToDictionary(c => c.Colour.ToHex()[..7].ToUpperInvariant(), c => c.Name);
        foreach (var spec in new[] { Line, Bars })
        {
            var svg = ChartRenderer.Svg(spec);
            var texts = TextFill().Matches(svg).Select(m => Hex(m.Groups[1].Value)).ToList();
            var shapes = AnyColour().Matches(svg).Select(m => Hex(m.Groups[1].Value)).OfType<string>().ToList();

            Assert.NotEmpty(texts);
            Assert.NotEmpty(shapes);
            foreach (var text in texts)
            {
                Assert.True(Contrast(Parse(text!), ChartPalette.Background) >= 4.5, $"{spec.Id}: text in {text}");
            }
            foreach (var shape in shapes.Distinct())
            {
                Assert.True(palette.ContainsKey(shape), $"{spec.Id}: {shape} is not a palette colour (a library default?)");
            }
        }
    }

    /// <summary>WCAG 2.1 contrast ratio: (L1 + 0.05) / (L2 + 0.05), the lighter colour's relative luminance over the darker's.</summary>
    internal static double Contrast(Color a, Color b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(Color c)
    {
        static double Channel(byte value)
        {
            var s = value / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }

    // ScottPlot writes colours as #RRGGBB, white by name, and "none" for no fill.
    private static string? Hex(string value) => value switch
    {
        "none" => null,
        "white" => "#FFFFFF",
        _ when value.StartsWith('#') && value.Length >= 7 => value[..7].ToUpperInvariant(),
        _ => value,
    };

    private static Color Parse(string hex) => Color.FromHex(hex);

    [GeneratedRegex("""<text\b[^>]*\bfill="([^"]+)"[^>]*>[^<]+</text>""")]
    private static partial Regex TextFill();

    [GeneratedRegex("\\b(?:stroke|fill)=\"([^\"]+)\"")]
    private static partial Regex AnyColour();
}
