using System.Text;
using CareTransitions.Storage;
using CareTransitions.Workflow;
using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace CareTransitions.AccessLogging;

/// <summary>
/// The access log of patient data in the app store (table <c>access_log</c>). Append-only: the database itself refuses
/// an UPDATE, and rows leave only through retention (<see cref="AccessLogOptions.Retention"/>, in RetentionCleanup).
/// </summary>
internal sealed class AccessLog(AppDatabase database, TimeProvider clock)
{
    private const string Columns = "id, at, person_hsa_id, person_name, unit_hsa_id, transition_id, reference, what, outcome";

    /// <summary>Records <paramref name="entry"/> as happening now.</summary>
    public async Task RecordAsync(AccessLogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO access_log (at, person_hsa_id, person_name, unit_hsa_id, transition_id, reference, what, outcome) "
            + "VALUES (@At, @PersonHsaId, @PersonName, @UnitHsaId, @TransitionId, @Reference, @What, @Outcome)",
            new
            {
                At = clock.GetUtcNow(), entry.PersonHsaId, entry.PersonName, entry.UnitHsaId, entry.TransitionId, entry.Reference, entry.What,
                Outcome = AccessOutcomes.Text(entry.Outcome),
            },
            cancellationToken: cancellationToken);
    }

    /// <summary>The entries <paramref name="query"/> matches, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AccessLogRecord>> SearchAsync(AccessLogQuery query, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.PersonHsaId is not null)
        {
            where.Append(" AND person_hsa_id = @Person");
        }
        if (query.TransitionOrReference is not null)
        {
            where.Append(" AND (transition_id = @Transition OR reference = @Transition)");
        }
        if (query.From is not null)
        {
            where.Append(" AND at >= @From");
        }
        if (query.To is not null)
        {
            where.Append(" AND at < @Until");
        }
        if (query.Outcome is not null)
        {
            where.Append(" AND outcome = @Outcome");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            $"SELECT {Columns} FROM access_log {where} ORDER BY at DESC, id DESC LIMIT @Limit",
            new
            {
                Person = query.PersonHsaId, Transition = query.TransitionOrReference,
                From = query.From is { } from ? SwedishTime.StartOf(from) : (DateTimeOffset?)null,
                Until = query.To is { } to ? SwedishTime.StartOf(to.AddDays(1)) : (DateTimeOffset?)null,
                Outcome = query.Outcome is { } outcome ? AccessOutcomes.Text(outcome) : null,
                Limit = limit,
            },
            r => new AccessLogRecord(r.GetInt64(0), r.GetTime(1), new AccessLogEntry(
                r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), AccessOutcomes.Parse(r.GetString(8)) ?? throw new InvalidDataException($"access_log row {r.GetInt64(0)} has outcome '{r.GetString(8)}'."))),
            cancellationToken);
    }

    /// <summary>Deletes the entries older than the retention; the one way rows leave the log.</summary>
    public async Task<int> DeleteExpiredAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM access_log WHERE at < @Before", new { Before = clock.GetUtcNow() - retention }, cancellationToken: cancellationToken);
    }
}

/// <summary>Section <c>AccessLog</c>.</summary>
internal sealed class AccessLogOptions
{
    public const string SectionName = "AccessLog";

    /// <summary>
    /// How long an entry is kept: ten years by default, as many regions keep access logs; set it to the region's own
    /// policy for journal access logs. Older entries are deleted by the hourly retention cleanup.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3650);

    /// <summary>The most rows one CSV export holds; a search that finds more is asked to narrow, never cut short.</summary>
    public int MaxExportRows { get; set; } = 100_000;
}

/// <summary><c>AccessLog:Retention</c> must keep entries for some time.</summary>
internal sealed class AccessLogOptionsValidator : IValidateOptions<AccessLogOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessLogOptions options)
    {
        var problems = new SettingProblems();
        if (options.Retention <= TimeSpan.Zero)
        {
            problems.Bad("AccessLog:Retention", options.Retention, "must be longer than zero: set it to the region's policy for access logs, e.g. 3650.00:00:00 (ten years, the default).");
        }

        if (options.MaxExportRows is < 1 or > 1_000_000)
        {
            problems.Bad("AccessLog:MaxExportRows", options.MaxExportRows, "must be 1–1 000 000 (default 100 000): the rows one CSV export may hold.");
        }
        return problems.ToResult();
    }
}
