using System.Globalization;

namespace CareTransitions.Load;

/// <summary>
/// The load's bounds and shape: <c>--count N</c> messages at most (2 000), within <c>--seconds S</c> (60), <c>--concurrency C</c>
/// requests in flight (16), <c>--malformed P</c> percent of them malformed (5), and <c>--postgres "&lt;connection string&gt;"</c>
/// for a database to use instead of a PostgreSQL cluster of the load's own.
/// </summary>
internal sealed record LoadOptions(int Count = 2000, int Seconds = 60, int Concurrency = 16, int MalformedPercent = 5, string? Postgres = null)
{
    public const string Usage = "usage: CareTransitions.Load [--count N] [--seconds S] [--concurrency C] [--malformed PERCENT] [--postgres \"<connection string>\"]";

    /// <summary>Valid messages sent before the measured ones (not counted in the figures, verified like the rest): the first requests pay for JIT and connection pools.</summary>
    public int WarmUp => Math.Min(40, Math.Max(this.Count / 10, 2));

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--count" => options with { Count = Number(args, ++i, 1) },
                "--seconds" => options with { Seconds = Number(args, ++i, 1) },
                "--concurrency" => options with { Concurrency = Number(args, ++i, 1) },
                "--malformed" => options with { MalformedPercent = Math.Min(Number(args, ++i, 0), 50) },
                "--postgres" when i + 1 < args.Length => options with { Postgres = args[++i] },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; {Usage}"),
            };
        }

        return options;
    }

    private static int Number(string[] args, int i, int least) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= least
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {least}; {Usage}");
}
