using ScottPlot;
using ScottPlot.TickGenerators;

namespace Dashboard.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot: SVG for the page (made accessible by <see cref="AccessibleSvg"/>),
/// PNG for the print report, the email and the .xlsx. Each call builds its own <see cref="Plot"/>, so rendering
/// is safe from concurrent requests.
/// </summary>
internal static class ChartRenderer
{
    public const int Width = 860;
    public const int LineHeight = 320;

    // The page's two colours, so a chart reads the same as the text around it; the second series also has
    // another marker shape, so the two can be told apart without colour (and in a black-and-white print).
    private static readonly Color[] Colors = [Color.FromHex("#0b5cad"), Color.FromHex("#b35900")];
    private static readonly MarkerShape[] Shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare];
    private static readonly Color Marker = Color.FromHex("#57606a");

    /// <summary>The size a chart is drawn at, in CSS pixels: bar charts grow with their number of bars.</summary>
    public static (int Width, int Height) SizeOf(ChartSpec spec) =>
        spec.Kind == ChartKind.Line ? (Width, LineHeight) : (Width, 60 + Math.Max(1, spec.Categories.Count) * 20);

    /// <summary>The chart as an inline, accessible SVG element.</summary>
    public static string Svg(ChartSpec spec)
    {
        var (width, height) = SizeOf(spec);
        var plot = Build(spec);
        return AccessibleSvg.From(plot.GetSvgXml(width, height), spec.Id, spec.Title, spec.Describe(), width, height);
    }

    /// <summary>The chart as a PNG at <paramref name="scale"/> times its size (2 = sharp in print and on high-density screens).</summary>
    public static byte[] Png(ChartSpec spec, int scale = 2)
    {
        var (width, height) = SizeOf(spec);
        var plot = Build(spec);
        plot.ScaleFactor = scale;
        return plot.GetImageBytes(width * scale, height * scale, ImageFormat.Png);
    }

    private static Plot Build(ChartSpec spec)
    {
        var plot = new Plot();
        plot.Font.Set(ChartFonts.Family);
        plot.Axes.Title.IsVisible = false;
        var values = new NumericAutomatic { LabelFormatter = spec.Format };
        if (spec.Kind == ChartKind.Line)
        {
            DrawLines(plot, spec, values);
        }
        else
        {
            DrawBars(plot, spec, values);
        }
        return plot;
    }

    private static void DrawLines(Plot plot, ChartSpec spec, NumericAutomatic values)
    {
        var n = spec.Categories.Count;
        for (var s = 0; s < spec.Series.Count; s++)
        {
            // A gap is a break in the line: each unbroken run is its own scatter, the first one named in the legend.
            var named = false;
            foreach (var run in Runs(spec.Series[s].Values))
            {
                var line = plot.Add.Scatter(run.Select(p => (double)p.Index).ToArray(), run.Select(p => p.Value).ToArray());
                line.Color = Colors[s % Colors.Length];
                line.LineWidth = 2;
                line.MarkerShape = Shapes[s % Shapes.Length];
                line.MarkerSize = 5;
                if (!named)
                {
                    line.LegendText = spec.Series[s].Name;
                    named = true;
                }
            }
        }
        if (spec.MarkerIndex is { } m && m >= 0 && m < n)
        {
            var marker = plot.Add.VerticalLine(m);
            marker.Color = Marker;
            marker.LineWidth = 1.5f;
            marker.LegendText = spec.MarkerLabel ?? string.Empty;
        }

        // At most about twelve labels: enough to orient, few enough not to overlap.
        var every = Math.Max(1, (int)Math.Ceiling(n / 12.0));
        var ticks = new NumericManual();
        for (var i = 0; i < n; i += every)
        {
            ticks.AddMajor(i, spec.Categories[i]);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = values;
        plot.Axes.Left.Label.Text = spec.ValueLabel;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.SetLimits(-0.5, Math.Max(n, 1) - 0.5, 0, Top(spec));
        if (spec.Series.Count > 1 || spec.MarkerIndex is not null)
        {
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static void DrawBars(Plot plot, ChartSpec spec, NumericAutomatic values)
    {
        var n = spec.Categories.Count;
        var bars = new List<Bar>(n);
        var labels = new NumericManual();
        for (var i = 0; i < n; i++)
        {
            // The first category on top, as in the table beside the chart.
            var position = n - 1 - i;
            var value = spec.Series[0].Values[i];
            bars.Add(new Bar
            {
                Position = position,
                Value = value ?? 0,
                Label = value is { } v ? spec.Format(v) : Presentation.Html.Missing,
                FillColor = Colors[0],
                LineWidth = 0,
                Size = 0.7,
            });
            labels.AddMajor(position, spec.Categories[i]);
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 11;
        plot.Axes.Left.TickGenerator = labels;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = values;
        plot.Axes.Bottom.Label.Text = spec.ValueLabel;
        plot.Grid.YAxisStyle.IsVisible = false;
        // Room on the right for the longest bar's label.
        plot.Axes.SetLimits(0, Top(spec) * 1.12, -0.6, Math.Max(n, 1) - 0.4);
    }

    /// <summary>The value axis runs from zero to a little above the largest value (1 when there is none).</summary>
    private static double Top(ChartSpec spec)
    {
        var max = spec.Series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max();
        return max > 0 ? max * 1.08 : 1;
    }

    private static IEnumerable<List<(int Index, double Value)>> Runs(IReadOnlyList<double?> values)
    {
        var run = new List<(int, double)>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                run.Add((i, v));
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
