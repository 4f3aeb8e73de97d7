using System.Globalization;
using System.Text;
using Dashboard.Presentation;

namespace Dashboard.Charts;

/// <summary>A series of a line chart; a null value is a gap (no episodes that week), not a zero.</summary>
internal sealed record LineSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>A line chart over labelled points (weeks or months), drawn as plain SVG on the server.</summary>
internal sealed record LineChart(
    string Id,
    string Title,
    string YAxisLabel,
    IReadOnlyList<string> XLabels,
    IReadOnlyList<LineSeries> Series,
    Func<double, string> Format,
    int? MarkerIndex = null,
    string? MarkerLabel = null)
{
    private const int Width = 860, Height = 320, Left = 64, Right = 20, Top = 28, Bottom = 56;

    public string Render()
    {
        var values = Series.SelectMany(s => s.Values).OfType<double>().ToList();
        var scale = ChartScale.For(values.Count == 0 ? 0 : values.Max());
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var n = Math.Max(1, XLabels.Count);
        double X(int i) => Left + (n == 1 ? plotW / 2.0 : plotW * i / (double)(n - 1));
        double Y(double v) => Top + plotH - plotH * v / scale.Max;

        var svg = ChartText.Open(Id, Width, Height, Title, Describe(values));
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="14">{Html.Encode(YAxisLabel)}</text>""");
        foreach (var tick in scale.Ticks())
        {
            var y = ChartText.N(Y(tick));
            svg.Append(CultureInfo.InvariantCulture,
                $"""<line class="grid" x1="{Left}" x2="{Width - Right}" y1="{y}" y2="{y}"/><text x="{Left - 6}" y="{y}" dy="4" text-anchor="end">{Html.Encode(Format(tick))}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"""<line class="axis" x1="{Left}" x2="{Width - Right}" y1="{Top + plotH}" y2="{Top + plotH}"/>""");

        // At most ~12 x labels: enough to orient, few enough not to overlap.
        var every = Math.Max(1, (int)Math.Ceiling(n / 12.0));
        for (var i = 0; i < XLabels.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{ChartText.N(X(i))}" y="{Top + plotH + 16}" text-anchor="middle">{Html.Encode(XLabels[i])}</text>""");
        }
        if (MarkerIndex is { } m && m >= 0 && m < n)
        {
            var x = ChartText.N(X(m));
            svg.Append(CultureInfo.InvariantCulture,
                $"""<line class="marker" x1="{x}" x2="{x}" y1="{Top}" y2="{Top + plotH}"/><text x="{x}" y="{Top - 4}" text-anchor="middle">{Html.Encode(MarkerLabel ?? string.Empty)}</text>""");
        }
        for (var s = 0; s < Series.Count; s++)
        {
            AppendSeries(svg, s, X, Y);
        }
        if (Series.Count > 1)
        {
            for (var s = 0; s < Series.Count; s++)
            {
                var x = Left + s * 220;
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<line class="series{s}" x1="{x}" x2="{x + 24}" y1="{Height - 12}" y2="{Height - 12}"/><text x="{x + 30}" y="{Height - 8}">{Html.Encode(Series[s].Name)}</text>""");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    private void AppendSeries(StringBuilder svg, int s, Func<int, double> x, Func<double, double> y)
    {
        var series = Series[s];
        var path = new StringBuilder();
        var pen = 'M';
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is not { } v)
            {
                pen = 'M';
                continue;
            }
            path.Append(pen).Append(ChartText.N(x(i))).Append(',').Append(ChartText.N(y(v))).Append(' ');
            pen = 'L';
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<path class="series{s}" d="{path.ToString().TrimEnd()}"/>""");
        // Each point carries its own <title>: a native tooltip, and readable to screen readers.
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is { } v)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<circle class="dot{s}" cx="{ChartText.N(x(i))}" cy="{ChartText.N(y(v))}" r="2.5"><title>{Html.Encode($"{XLabels[i]}: {Format(v)}")}</title></circle>""");
            }
        }
    }

    private string Describe(List<double> values)
    {
        if (values.Count == 0)
        {
            return $"{Title}: inga värden för perioden.";
        }
        var first = Series[0].Values.FirstOrDefault(v => v is not null);
        var last = Series[0].Values.LastOrDefault(v => v is not null);
        return $"Linjediagram, {XLabels.Count} punkter från {XLabels[0]} till {XLabels[^1]}. " +
               $"{Series[0].Name}: första värdet {Format(first ?? 0)}, sista {Format(last ?? 0)}, " +
               $"lägst {Format(values.Min())}, högst {Format(values.Max())}. Tabellen under diagrammet har alla värden.";
    }
}
