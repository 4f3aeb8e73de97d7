using System.Globalization;

namespace Dashboard.DemoData;

/// <summary>A one-line textual progress bar, redrawn in place with a carriage return.</summary>
internal static class ProgressBar
{
    private const int Width = 40;

    public static Task WriteAsync(TextWriter output, int done, int total, TimeSpan elapsed)
    {
        var share = total == 0 ? 1 : (double)done / total;
        var filled = (int)Math.Round(share * Width);
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        return output.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {share * 100,5:0.0} % {done,9:N0}/{total:N0}  {rate,7:N0}/s"));
    }
}
