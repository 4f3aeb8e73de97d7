using System.Collections.Concurrent;

namespace CareTransitions.Worklist;

/// <summary>
/// Whether a work-list page view goes in the audit log. The page refreshes itself once a minute: one row per person, filter
/// and <see cref="Window"/> says who looked at which list without sixty identical rows an hour. Decided on the server, so a
/// client cannot opt out; exports and actions are always recorded. Per process: a second instance records its own first view.
/// </summary>
internal sealed class WorklistAuditThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, DateTimeOffset> recorded = new(StringComparer.Ordinal);

    public bool ShouldRecord(string actor, string filter)
    {
        var now = clock.GetUtcNow();
        var key = $"{actor}\n{filter}";
        if (this.recorded.TryGetValue(key, out var at) && now - at < Window)
        {
            return false;
        }

        this.recorded[key] = now;
        if (this.recorded.Count > 10_000)
        {
            // Forget what is past its window, so the map stays the size of the people using the list now.
            foreach (var old in this.recorded.Where(e => now - e.Value >= Window).Select(e => e.Key).ToList())
            {
                this.recorded.TryRemove(old, out _);
            }
        }
        return true;
    }
}
