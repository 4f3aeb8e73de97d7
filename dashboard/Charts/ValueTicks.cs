namespace Dashboard.Charts;

/// <summary>
/// The value axis's ticks: the smallest round step that gives at most <see cref="MaxTicks"/> ticks and labels that all
/// differ as the chart writes them. A library's automatic ticks at 0,05 written with one decimal read "0,1 0,1 0,2".
/// </summary>
internal static class ValueTicks
{
    public const int MaxTicks = 8;

    /// <summary>1, 2, 5 times a power of ten, from 0,01 up.</summary>
    public static readonly IReadOnlyList<double> Decimal =
        Enumerable.Range(-2, 12).SelectMany(e => new[] { 1, 2, 5 }.Select(m => m * Math.Pow(10, e))).ToList();

    /// <summary>Whole minutes in steps a clock reader expects: 15 and 30 minutes, whole hours, half and whole days, weeks.</summary>
    public static readonly IReadOnlyList<double> Minutes =
        [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1_440, 2_880, 4_320, 7_200, 10_080, 20_160, 43_200, 86_400, 172_800, 525_600];

    /// <summary>Ticks from zero to <paramref name="top"/>, each with its label.</summary>
    public static IReadOnlyList<(double Value, string Label)> For(double top, Func<double, string> format, IReadOnlyList<double> steps)
    {
        if (!double.IsFinite(top) || top <= 0)
        {
            return [(0, format(0))];
        }

        foreach (var step in steps.Concat(Beyond(steps[^1], top)))
        {
            // In double: a small step under a large top (a year's cost in kronor) would overflow an int.
            var count = Math.Floor(top / step + 1e-9) + 1;
            if (count > MaxTicks)
            {
                continue;
            }
            var ticks = Enumerable.Range(0, (int)count).Select(i => (Value: i * step, Label: format(i * step))).ToList();
            if (ticks.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count() == ticks.Count)
            {
                return ticks;
            }
        }
        return [(0, format(0))];
    }

    // 1, 2, 5 times the powers of ten past the last listed step, until one spans the top in MaxTicks.
    private static IEnumerable<double> Beyond(double last, double top)
    {
        for (var power = Math.Pow(10, Math.Floor(Math.Log10(last))); power <= top; power *= 10)
        {
            foreach (var step in new[] { power, 2 * power, 5 * power, 10 * power }.Where(s => s > last))
            {
                yield return step;
            }
        }
    }
}
