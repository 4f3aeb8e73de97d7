namespace Durable.Backend.Storage;

/// <summary>
/// The instance rows a query page or a purge selects, worked out once for both stores, each of which writes it as
/// its own WHERE clause. Values are as stored: times in Unix milliseconds, statuses by name, the id prefix as a LIKE
/// pattern with backslash escapes. A null field selects on nothing; a page's continuation (<c>After</c>) selects the
/// rows after that (created, id) pair, the order pages are read in.
/// </summary>
internal sealed record InstanceSelection(
    string[]? Statuses = null, string? InstanceId = null, string? IdPrefixPattern = null, long? CreatedFrom = null, long? CreatedTo = null,
    long? CompletedBefore = null, (long CreatedAt, string InstanceId)? After = null)
{
    /// <summary>A query's page; the filter's <see cref="InstanceFilter.CompletedBefore"/> is for purges only.</summary>
    /// <exception cref="ArgumentException">The continuation token was not issued by this backend.</exception>
    public static InstanceSelection ForQuery(InstanceFilter filter, string? continuationToken) => new(
        Statuses: filter.Statuses is { Count: > 0 } statuses ? statuses.Select(s => s.ToString()).ToArray() : null,
        IdPrefixPattern: PrefixPattern(filter.InstanceIdPrefix),
        CreatedFrom: filter.CreatedFrom is { } from ? StoredTime.ToMs(from) : null,
        CreatedTo: filter.CreatedTo is { } to ? StoredTime.ToMs(to) : null,
        After: continuationToken is null ? null : StoreRules.DecodeToken(continuationToken));

    /// <summary>
    /// A purge, by id or filter: finished instances only, whatever statuses the filter names. Null when the filter
    /// names only active statuses, so nothing can be purged.
    /// </summary>
    public static InstanceSelection? ForPurge(string? instanceId, InstanceFilter? filter)
    {
        var statuses = filter?.Statuses is { Count: > 0 } named
            ? named.Select(s => s.ToString()).Where(StoreRules.FinishedStatuses.Contains).ToArray()
            : StoreRules.FinishedStatuses;
        return statuses.Length == 0 ? null : new(
            Statuses: statuses,
            InstanceId: instanceId,
            IdPrefixPattern: PrefixPattern(filter?.InstanceIdPrefix),
            CreatedFrom: filter?.CreatedFrom is { } from ? StoredTime.ToMs(from) : null,
            CreatedTo: filter?.CreatedTo is { } to ? StoredTime.ToMs(to) : null,
            CompletedBefore: filter?.CompletedBefore is { } before ? StoredTime.ToMs(before) : null);
    }

    /// <summary>
    /// The page from rows read in (created, id) order with a limit one above <paramref name="pageSize"/>: the extra row
    /// says another page follows, and the token points after the page's last row.
    /// </summary>
    public static InstancePage Page(List<InstanceRow> rows, int pageSize)
    {
        string? next = null;
        if (rows.Count > pageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = StoreRules.EncodeToken(StoredTime.ToMs(rows[^1].CreatedAt), rows[^1].InstanceId);
        }

        return new InstancePage(rows, next);
    }

    private static string? PrefixPattern(string? prefix) => prefix is { Length: > 0 } ? StoreRules.EscapeLike(prefix) + "%" : null;
}
