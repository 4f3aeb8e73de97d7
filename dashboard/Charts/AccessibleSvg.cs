using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Presentation;

namespace Dashboard.Charts;

/// <summary>
/// Turns ScottPlot's stand-alone SVG document into an element for the page: no XML declaration, a viewBox so it
/// scales with the page, <c>role="img"</c> named by a <c>&lt;title&gt;</c> and described by a <c>&lt;desc&gt;</c>,
/// and its internal ids (clip paths) prefixed with the chart's id — several charts share one page, and a
/// repeated id would clip one chart by another's rectangle.
/// </summary>
internal static partial class AccessibleSvg
{
    public static string From(string document, string id, string title, string description, int width, int height)
    {
        var svg = XmlDeclaration().Replace(document, string.Empty).Trim();
        svg = InternalId().Replace(svg, m => $"{m.Groups[1].Value}{id}-{m.Groups[2].Value}");
        var open = RootElement().Match(svg);
        if (!open.Success)
        {
            throw new InvalidOperationException("The chart library's SVG has no root <svg> element.");
        }
        var root = string.Create(CultureInfo.InvariantCulture,
            $"""<svg class="chart" id="{id}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc">""") +
            $"""<title id="{id}-title">{Html.Encode(title)}</title><desc id="{id}-desc">{Html.Encode(description)}</desc>""";
        return root + svg[(open.Index + open.Length)..];
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex RootElement();

    // id="x", url(#x) and href="#x" are the only ways an SVG element names another.
    [GeneratedRegex("""(\bid="|url\(#|href="#)([^")]+)""")]
    private static partial Regex InternalId();
}
