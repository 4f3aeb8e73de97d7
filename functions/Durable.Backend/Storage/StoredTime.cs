namespace Durable.Backend.Storage;

/// <summary>Times as both stores keep them: Unix milliseconds, UTC.</summary>
internal static class StoredTime
{
    public static long ToMs(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    /// <summary>
    /// When a message becomes workable. IMPORTANT: a time still ahead of <paramref name="now"/> is rounded up, never
    /// down (rounded down, a timer fires up to 1 ms early); a time already reached is visible at once.
    /// </summary>
    public static long VisibleAtMs(DateTime visibleAt, DateTime now) =>
        visibleAt <= now ? ToMs(now) : ToMs(visibleAt.AddTicks(TimeSpan.TicksPerMillisecond - 1));
}
