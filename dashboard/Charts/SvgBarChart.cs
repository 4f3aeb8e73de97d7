using System.Globalization;
using Dashboard.Presentation;

namespace Dashboard.Charts;

/// <summary>One bar: a category (a municipality, a unit type) and its value, or null when there is none.</summary>
internal sealed record Bar(string Label, double? Value);

/// <summary>A horizontal bar chart, so long Swedish municipality names stay readable.</summary>
internal sealed record BarChart(string Id, string Title, string ValueLabel, IReadOnlyList<Bar> Bars, Func<double, string> Format)
{
    private const int Width = 860, LabelWidth = 150, Right = 90, Top = 30, RowHeight = 18, Bottom = 28;

    public string Render()
    {
        var height = Top + Math.Max(1, Bars.Count) * RowHeight + Bottom;
        var values = Bars.Select(b => b.Value).OfType<double>().ToList();
        var scale = ChartScale.For(values.Count == 0 ? 0 : values.Max());
        var plotW = Width - LabelWidth - Right;
        double X(double v) => LabelWidth + plotW * v / scale.Max;

        var svg = ChartText.Open(Id, Width, height, Title, Describe(values));
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth}" y="14">{Html.Encode(ValueLabel)}</text>""");
        var bottom = Top + Bars.Count * RowHeight;
        foreach (var tick in scale.Ticks())
        {
            var x = ChartText.N(X(tick));
            svg.Append(CultureInfo.InvariantCulture,
                $"""<line class="grid" x1="{x}" x2="{x}" y1="{Top - 4}" y2="{bottom}"/><text x="{x}" y="{bottom + 14}" text-anchor="middle">{Html.Encode(Format(tick))}</text>""");
        }
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = Top + i * RowHeight;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{LabelWidth - 6}" y="{y + 13}" text-anchor="end">{Html.Encode(bar.Label)}</text>""");
            var text = bar.Value is { } v ? Format(v) : Html.Missing;
            if (bar.Value is { } value)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect class="bar" x="{LabelWidth}" y="{y + 3}" width="{ChartText.N(Math.Max(0.5, X(value) - LabelWidth))}" height="{RowHeight - 6}"><title>{Html.Encode($"{bar.Label}: {text}")}</title></rect>""");
            }
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{ChartText.N(X(bar.Value ?? 0) + 4)}" y="{y + 13}">{Html.Encode(text)}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"""<line class="axis" x1="{LabelWidth}" x2="{LabelWidth}" y1="{Top - 4}" y2="{bottom}"/>""");
        return svg.Append("</svg>").ToString();
    }

    private string Describe(List<double> values)
    {
        if (values.Count == 0)
        {
            return $"{Title}: inga värden för perioden.";
        }
        var max = Bars.Where(b => b.Value is not null).MaxBy(b => b.Value)!;
        var min = Bars.Where(b => b.Value is not null).MinBy(b => b.Value)!;
        return $"Stapeldiagram med {Bars.Count} staplar. Högst: {max.Label} ({Format(max.Value!.Value)}). " +
               $"Lägst: {min.Label} ({Format(min.Value!.Value)}). Tabellen under diagrammet har alla värden.";
    }
}
