using System.Globalization;
using System.Text;
using Dashboard.Charts;

namespace Dashboard.Presentation;

/// <summary>
/// One chart as an accessible figure: the chart (inline SVG on the page, a PNG in the print report), a caption
/// saying what it shows and how it is counted, and the drawn values as a table — one click away on the page,
/// printed in full in the report.
/// </summary>
internal static class ChartFigure
{
    public static string Render(ChartSpec spec, string definition, bool printMode)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""<figure class="chart-figure" id="figure-{spec.Id}" aria-labelledby="{spec.Id}-caption">""");
        if (!spec.HasValues)
        {
            // Words, not an empty frame: the figure's caption and table still say what would be drawn.
            html.Append(CultureInfo.InvariantCulture, $"""<p class="chart-empty" id="{spec.Id}">{ChartRenderer.NoData}.</p>""");
        }
        else if (printMode)
        {
            var (width, height) = ChartRenderer.SizeOf(spec);
            html.Append(CultureInfo.InvariantCulture,
                $"""<img class="chart" id="{spec.Id}" src="data:image/png;base64,{Convert.ToBase64String(ChartRenderer.Png(spec))}" width="{width}" height="{height}" alt="{Html.Encode(spec.Describe())}">""");
        }
        else
        {
            html.Append(ChartRenderer.Svg(spec));
        }
        html.Append(CultureInfo.InvariantCulture, $"""<figcaption id="{spec.Id}-caption"><strong>{Html.Encode(spec.Title)}.</strong> {Html.Encode(definition)}</figcaption>""");
        html.Append(TableHtml.Render(spec.ToTable(), collapsed: !printMode, summary: "Visa diagrammets värden som tabell"));
        return html.Append("</figure>").ToString();
    }
}
