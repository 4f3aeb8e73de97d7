namespace Dashboard.Charts;

/// <summary>A y axis from zero to a "nice" maximum (1, 2, 2.5 or 5 × 10ⁿ steps), so gridlines land on round numbers.</summary>
internal sealed record ChartScale(double Max, double Step)
{
    public static ChartScale For(double maxValue, int targetTicks = 5)
    {
        if (!(maxValue > 0) || double.IsInfinity(maxValue))
        {
            return new ChartScale(1, 0.2);
        }
        var rough = maxValue / targetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return new ChartScale(Math.Ceiling(maxValue / step - 1e-9) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        for (var i = 0; i * Step <= Max + Step / 1000; i++)
        {
            yield return i * Step;
        }
    }
}
