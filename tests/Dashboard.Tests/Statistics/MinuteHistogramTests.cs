using Dashboard.Statistics;

namespace Dashboard.Tests.Statistics;

public sealed class MinuteHistogramTests
{
    [Fact]
    public void Percentile_RandomWaitsIncludingLongOnes_EqualsNearestRankOfSortedValues()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 997).Select(_ => random.Next(0, 20_000)).ToList();
        var histogram = new MinuteHistogram();
        values.ForEach(histogram.Add);
        values.Sort();

        foreach (var p in new[] { 0.01, 0.5, 0.9, 0.99, 1.0 })
        {
            Assert.Equal(values[(int)Math.Ceiling(p * values.Count) - 1], histogram.Percentile(p));
        }
    }

    [Fact]
    public void Percentile_Empty_IsNull() => Assert.Null(new MinuteHistogram().Percentile(0.5));
}
