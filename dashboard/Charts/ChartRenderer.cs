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

    /// <summary>What an empty chart says instead of drawing axes around nothing.</summary>
    public const string NoData = "Inga data för perioden";

    // The second series has another marker shape, so the two can be told apart without colour (and in a black-and-white print).
    private static readonly MarkerShape[] Shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare];

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
        Colour(plot);
        if (!spec.HasValues)
        {
            plot.HideAxesAndGrid();
            var text = plot.Add.Text(NoData, 0, 0);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelStyle.ForeColor = ChartPalette.Text;
            text.LabelStyle.FontSize = 16;
            plot.Axes.SetLimits(-1, 1, -1, 1);
            return plot;
        }
        var values = new NumericManual();
        foreach (var (value, label) in ValueTicks.For(AxisTop(spec), spec.Format, spec.TickSteps ?? ValueTicks.Decimal))
        {
            values.AddMajor(value, label);
        }
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

    private static void DrawLines(Plot plot, ChartSpec spec, NumericManual values)
    {
        var n = spec.Categories.Count;
        for (var s = 0; s < spec.Series.Count; s++)
        {
            // A gap is a break in the line: each unbroken run is its own scatter, the first one named in the legend.
            var named = false;
            foreach (var run in Runs(spec.Series[s].Values))
            {
                var line = plot.Add.Scatter(run.Select(p => (double)p.Index).ToArray(), run.Select(p => p.Value).ToArray());
                line.Color = ChartPalette.Series[s % ChartPalette.Series.Length];
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
            marker.Color = ChartPalette.Marker;
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
        plot.Axes.SetLimits(-0.5, Math.Max(n, 1) - 0.5, 0, AxisTop(spec));
        if (spec.Series.Count > 1 || spec.MarkerIndex is not null)
        {
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static void DrawBars(Plot plot, ChartSpec spec, NumericManual values)
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
                FillColor = ChartPalette.Series[0],
                LineWidth = 0,
                Size = 0.7,
            });
            labels.AddMajor(position, spec.Categories[i]);
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 11;
        plottable.ValueLabelStyle.ForeColor = ChartPalette.Text;
        plot.Axes.Left.TickGenerator = labels;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = values;
        plot.Axes.Bottom.Label.Text = spec.ValueLabel;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.SetLimits(0, AxisTop(spec), -0.6, Math.Max(n, 1) - 0.4);
    }

    /// <summary>Every colour from <see cref="ChartPalette"/>, none of the library's defaults.</summary>
    private static void Colour(Plot plot)
    {
        plot.FigureBackground.Color = ChartPalette.Background;
        plot.DataBackground.Color = ChartPalette.Background;
        plot.Axes.Color(ChartPalette.Text);
        plot.Grid.MajorLineColor = ChartPalette.Grid;
        plot.Legend.FontColor = ChartPalette.Text;
        plot.Legend.OutlineColor = ChartPalette.Text;
        plot.Legend.BackgroundColor = ChartPalette.Background;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>
    /// The value axis runs from zero to a little above the largest value (1 when there is none); a bar chart's a little
    /// further, for the longest bar's label on its right.
    /// </summary>
    private static double AxisTop(ChartSpec spec)
    {
        var max = spec.Series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max();
        var top = max > 0 ? max * 1.08 : 1;
        return spec.Kind == ChartKind.Bar ? top * 1.12 : top;
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
