using System.Globalization;

namespace Postgres.Benchmarks;

/// <summary>
/// Command line: <c>--count N</c> HelloSequence5 orchestrations per measurement (2 000), <c>--rounds N</c> measurements of
/// one process and of three, in turns, whose medians are the figures (5), <c>--events N</c> instances for
/// the event latency (200), <c>--intake-count N</c> and <c>--intake-seconds S</c> for the intake load (2 000 within 60 s),
/// <c>--concurrency C</c> intake requests in flight (16). <c>--worker "&lt;connection string&gt;"</c> is the mode the
/// benchmark starts its worker processes in.
/// </summary>
internal sealed record PostgresBenchmarkOptions(int Count = 2000, int Rounds = 5, int Events = 200, int IntakeCount = 2000, int IntakeSeconds = 60, int Concurrency = 16, string? Worker = null)
{
    private const string Usage = "usage: Postgres.Benchmarks [--count N] [--rounds N] [--events N] [--intake-count N] [--intake-seconds S] [--concurrency C]";

    public static PostgresBenchmarkOptions Parse(string[] args)
    {
        var options = new PostgresBenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--count" => options with { Count = Positive(args, ++i) },
                "--rounds" => options with { Rounds = Positive(args, ++i) },
                "--events" => options with { Events = Positive(args, ++i) },
                "--intake-count" => options with { IntakeCount = Positive(args, ++i) },
                "--intake-seconds" => options with { IntakeSeconds = Positive(args, ++i) },
                "--concurrency" => options with { Concurrency = Positive(args, ++i) },
                "--worker" when i + 1 < args.Length => options with { Worker = args[++i] },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; {Usage}"),
            };
        }

        return options;
    }

    private static int Positive(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a positive whole number; {Usage}");
}
