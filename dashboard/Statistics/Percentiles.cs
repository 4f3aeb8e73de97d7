namespace Dashboard.Statistics;

/// <summary>
/// Nearest-rank percentiles (the smallest value with at least p·n values at or below it), exact to the
/// minute. Minutes up to a week go in a counting histogram; the rare longer waits are kept as a list.
/// </summary>
internal sealed class MinuteHistogram
{
    private const int Cap = 7 * 24 * 60;
    private readonly int[] _counts = new int[Cap];
    private readonly List<int> _overflow = [];
    private long _total;

    public void Add(int minutes)
    {
        _total++;
        if (minutes < Cap)
        {
            _counts[minutes]++;
        }
        else
        {
            _overflow.Add(minutes);
        }
    }

    public int? Percentile(double p)
    {
        if (_total == 0)
        {
            return null;
        }
        var rank = RankOf(p, _total);
        long seen = 0;
        for (var m = 0; m < Cap; m++)
        {
            seen += _counts[m];
            if (seen >= rank)
            {
                return m;
            }
        }
        _overflow.Sort();
        return _overflow[(int)(rank - seen - 1)];
    }

    /// <summary>1-based rank of the p-th percentile among n values.</summary>
    public static long RankOf(double p, long n) => Math.Max(1, (long)Math.Ceiling(p * n));
}
