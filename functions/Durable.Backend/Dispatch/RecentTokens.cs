using System.Collections.Concurrent;

namespace Durable.Backend.Dispatch;

/// <summary>
/// Completion tokens completed in the last few minutes. The SDK retries Complete and Abandon calls whose
/// answer it did not get; a retry of one that was stored answers OK again instead of NotFound.
/// </summary>
internal sealed class RecentTokens
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTime> tokens = new(StringComparer.Ordinal);

    public void Add(string token, DateTime now) => this.tokens[token] = now;

    public bool Contains(string token) => this.tokens.ContainsKey(token);

    public void Prune(DateTime now)
    {
        foreach (var (token, at) in this.tokens)
        {
            if (now - at > Keep)
            {
                this.tokens.TryRemove(token, out _);
            }
        }
    }
}
