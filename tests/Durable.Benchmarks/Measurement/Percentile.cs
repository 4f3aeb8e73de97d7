namespace Durable.Benchmarks.Measurement;

internal static class Percentile
{
    /// <summary>The nearest-rank percentile (<paramref name="p"/> in 0..1) of <paramref name="values"/>.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
    }
}
