using Dashboard.Exports;

namespace Dashboard.Charts;

/// <summary>A line over labelled points (weeks, months) or one horizontal bar per category (a municipality, a unit type).</summary>
internal enum ChartKind
{
    Line,
    Bar,
}

/// <summary>One series; a null value is a gap (nothing ended that week), not a zero.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// What a chart shows, independent of how it is drawn: <see cref="ChartRenderer"/> draws it as SVG or PNG,
/// and <see cref="ToTable"/> gives the same values as the table beside it, so the picture and its table
/// cannot disagree.
/// </summary>
/// <param name="Id">The HTML id (and image name), e.g. <c>chart-weekly</c>.</param>
/// <param name="Title">What the chart shows, in Swedish; the figure's caption and the SVG's accessible name.</param>
/// <param name="Kind">Line or horizontal bars.</param>
/// <param name="CategoryLabel">The table's first column: "Vecka", "Kommun".</param>
/// <param name="ValueLabel">The value axis: "Dagar", "Procent".</param>
/// <param name="Categories">The x labels of a line chart, the bar labels of a bar chart.</param>
/// <param name="Series">One value per category in each series (a bar chart draws the first).</param>
/// <param name="Format">How a value is written on the axis and in the description.</param>
/// <param name="MarkerIndex">The category where a vertical line marks the compare date, if any.</param>
/// <param name="MarkerLabel">The marker's legend text.</param>
/// <param name="WholeNumbers">The table shows whole numbers (kronor, minutes) rather than one decimal.</param>
/// <param name="TickSteps">The value axis's candidate steps (<see cref="ValueTicks"/>); 1-2-5 steps when null.</param>
internal sealed record ChartSpec(
    string Id,
    string Title,
    ChartKind Kind,
    string CategoryLabel,
    string ValueLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    Func<double, string> Format,
    int? MarkerIndex = null,
    string? MarkerLabel = null,
    bool WholeNumbers = false,
    IReadOnlyList<double>? TickSteps = null)
{
    public bool HasValues => this.Series.Any(s => s.Values.Any(v => v is not null));

    /// <summary>A sentence for screen readers and the image's alt text: the shape of the data in words.</summary>
    public string Describe()
    {
        var values = this.Series.SelectMany(s => s.Values).OfType<double>().ToList();
        if (values.Count == 0)
        {
            return $"{this.Title}: inga värden för perioden.";
        }
        if (this.Kind == ChartKind.Bar)
        {
            var bars = this.Categories.Zip(this.Series[0].Values).Where(b => b.Second is not null).ToList();
            var max = bars.MaxBy(b => b.Second)!;
            var min = bars.MinBy(b => b.Second)!;
            return $"Stapeldiagram med {this.Categories.Count} staplar. Högst: {max.First} ({this.Format(max.Second!.Value)}). " +
                   $"Lägst: {min.First} ({this.Format(min.Second!.Value)}). Tabellen vid diagrammet har alla värden.";
        }
        var first = this.Series[0].Values.FirstOrDefault(v => v is not null);
        var last = this.Series[0].Values.LastOrDefault(v => v is not null);
        return $"Linjediagram, {this.Categories.Count} punkter från {this.Categories[0]} till {this.Categories[^1]}. " +
               $"{this.Series[0].Name}: första värdet {this.Format(first ?? 0)}, sista {this.Format(last ?? 0)}, " +
               $"lägst {this.Format(values.Min())}, högst {this.Format(values.Max())}. Tabellen vid diagrammet har alla värden.";
    }

    /// <summary>The drawn values as a table: one row per category, one column per series (rounded as drawn).</summary>
    public ReportTable ToTable() => new(
        this.Id + "-data",
        this.Title,
        [this.CategoryLabel, .. this.Series.Select(s => $"{s.Name} ({this.ValueLabel.ToLowerInvariant()})")],
        this.Categories.Select((category, i) => (object?[])[category, .. this.Series.Select(s => this.Cell(s.Values[i]))]).ToList());

    // The HTML table writes a decimal as a whole number and a double with one decimal.
    private object? Cell(double? value) => value switch
    {
        null => null,
        { } v when this.WholeNumbers => Math.Round((decimal)v),
        { } v => Math.Round(v, 2),
    };
}
