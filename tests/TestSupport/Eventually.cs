using System.Diagnostics;

namespace Testing;

/// <summary>
/// Waits for something another thread, process or service does, by asking again until it holds. Every wait has a
/// deadline and fails the test with what it waited for and what it saw last, instead of hanging or failing later
/// on an assertion that does not say the wait ran out.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless told otherwise: generous, since the machine may be busy.</summary>
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds for the value read, and returns that value.</summary>
    /// <param name="read">What to look at (an HTTP status, a row count, a list of emails).</param>
    /// <param name="done">Whether the value read is the one waited for.</param>
    /// <param name="what">What is waited for, for the failure message ("the refused message in the poison queue").</param>
    /// <param name="within">The deadline; <see cref="DefaultWithin"/> when null.</param>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = within ?? DefaultWithin;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) > deadline)
            {
                Assert.Fail($"Timed out after {deadline.TotalSeconds:0.#} s waiting for {what}. Last seen: {Describe(value)}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>As <see cref="ReadAsync{T}(Func{Task{T}}, Func{T, bool}, string, TimeSpan?)"/>, for a value read without waiting.</summary>
    public static Task<T> ReadAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? within = null) =>
        ReadAsync(() => Task.FromResult(read()), done, what, within);

    /// <summary>Asks until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        ReadAsync(condition, holds => holds, what, within);

    /// <summary>Asks until <paramref name="condition"/> holds, for a condition answered without waiting.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        ReadAsync(condition, holds => holds, what, within);

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        bool holds => holds ? "true" : "false",
        string text => text,
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Take(20))}]",
        _ => value.ToString() ?? "",
    };
}
