using ScottPlot;

namespace Dashboard.Charts;

/// <summary>
/// Every colour a chart is drawn with, set on each plot so none of the library's defaults is left. WCAG 2.1 AA against
/// <see cref="Background"/>: <see cref="Text"/> at least 4.5:1 (1.4.3), the series and the compare-date marker at least
/// 3:1 (1.4.11). The two series are told apart by marker shape and legend as well as colour (1.4.1). ChartPaletteTests
/// computes the ratios from these fields and from the colours in the drawn SVG.
/// </summary>
internal static class ChartPalette
{
    public static readonly Color Background = Color.FromHex("#ffffff");

    /// <summary>Labels, ticks, legend text and the axes' frame: the page's ink.</summary>
    public static readonly Color Text = Color.FromHex("#1b1f23");

    /// <summary>The page's two accent colours, so a chart reads the same as the text around it.</summary>
    public static readonly Color[] Series = [Color.FromHex("#0b5cad"), Color.FromHex("#b35900")];

    /// <summary>The vertical line at the compare date.</summary>
    public static readonly Color Marker = Color.FromHex("#57606a");

    /// <summary>
    /// Grid lines, the one colour below 3:1 on purpose: they are decoration, not information (1.4.11 exempts them), as every
    /// value is written on the axis, on the bar and in the table beside the chart.
    /// </summary>
    public static readonly Color Grid = Color.FromHex("#d0d7de");
}
