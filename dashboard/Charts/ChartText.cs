using System.Globalization;
using System.Text;

namespace Dashboard.Charts;

/// <summary>SVG text helpers shared by the charts.</summary>
internal static class ChartText
{
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Opens an accessible SVG: role img, labelled by its title and described by its description.</summary>
    public static StringBuilder Open(string id, int width, int height, string title, string description)
    {
        var svg = new StringBuilder(8 * 1024);
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="chart" id="{id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Presentation.Html.Encode(title)}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<desc id="{id}-desc">{Presentation.Html.Encode(description)}</desc>""");
        return svg;
    }
}
