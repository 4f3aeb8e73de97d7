namespace Durable.Backend.Dispatch;

/// <summary>
/// Completion tokens completed in the last two minutes (the SDK's retries of a Complete or Abandon call
/// whose answer it did not get end well within that). A retry of one that was stored answers OK again
/// instead of NotFound. Kept as 64-bit hashes in ten-second buckets, so memory stays small however fast
/// steps complete: a hash collision can only make a stale token's retry answer OK, because a token that
/// is still out is always looked up first.
/// </summary>
internal sealed class RecentTokens
{
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(2);
    private readonly LinkedList<(DateTime Start, HashSet<ulong> Hashes)> buckets = new();
    private readonly Lock gate = new();

    public void Add(string token, DateTime now)
    {
        lock (this.gate)
        {
            if (this.buckets.Last is not { } last || now - last.Value.Start >= Bucket)
            {
                this.buckets.AddLast((now, new HashSet<ulong>()));
            }

            this.buckets.Last!.Value.Hashes.Add(Hash(token));
        }
    }

    public bool Contains(string token)
    {
        var hash = Hash(token);
        lock (this.gate)
        {
            foreach (var (_, hashes) in this.buckets)
            {
                if (hashes.Contains(hash))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Prune(DateTime now)
    {
        lock (this.gate)
        {
            while (this.buckets.First is { } first && now - first.Value.Start > Keep)
            {
                this.buckets.RemoveFirst();
            }
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable and cheap.</summary>
    private static ulong Hash(string token)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
