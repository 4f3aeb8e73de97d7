namespace Dashboard.Demo;

/// <summary>What to generate: <paramref name="Count"/> outcomes ending over <paramref name="Days"/> days from <paramref name="Start"/>.</summary>
internal sealed record DemoOptions(int Count, int Seed, DateOnly Start, int Days, DateOnly ImprovementDate)
{
    /// <summary>Two years up to today, improving from the middle: the default of the demo-data command.</summary>
    public static DemoOptions Default(DateOnly today, int count = 100_000, int seed = 20171122) =>
        new(count, seed, today.AddDays(-730), 730, today.AddDays(-365));
}
