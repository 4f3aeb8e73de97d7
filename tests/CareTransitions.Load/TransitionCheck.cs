using System.Diagnostics;
using Npgsql;

namespace CareTransitions.Load;

/// <summary>
/// After the load, in the database: every accepted message made exactly one transition, and nothing else did. The
/// transitions are the durable backend's instances (schema <c>durable</c>), the messages intake recorded are
/// <c>app.processed_messages</c>; the run's rows are told apart by its messageId prefix and its start time.
/// </summary>
internal static class TransitionCheck
{
    /// <summary>How long the accepted transitions may take to have their first step stored (ExecutionStarted in the history).</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(2);

    public static async Task<bool> VerifyAsync(string connectionString, IReadOnlyList<IntakeAnswer> answers, string messageIdPrefix, DateTimeOffset runStart)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var accepted = answers.Where(a => a.AsExpected && !a.Message.Malformed).ToList();
        var ids = accepted.Select(a => a.TransitionId!).ToArray();
        var problems = new List<string>();
        if (ids.Distinct().Count() != ids.Length)
        {
            problems.Add($"{ids.Length - ids.Distinct().Count()} accepted messages were answered with another message's transition id");
        }

        // Each transition's orchestration is running once its first step is stored: wait for all of them.
        var clock = Stopwatch.StartNew();
        long started;
        while ((started = await ScalarAsync(dataSource, "SELECT count(DISTINCT instance_id) FROM durable.history WHERE event_type = 'ExecutionStarted' AND instance_id = ANY(@ids)", ids)) < ids.Length
            && clock.Elapsed < StartDeadline)
        {
            Console.WriteLine($"load: verifying: {started}/{ids.Length} transitions started");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Console.WriteLine($"load: verifying: {started}/{ids.Length} transitions started after {clock.Elapsed.TotalSeconds:F0} s");
        if (started < ids.Length)
        {
            problems.Add($"{ids.Length - started} accepted transitions had not started within {StartDeadline.TotalMinutes} minutes");
        }

        var startedTwice = await ScalarAsync(
            dataSource,
            "SELECT count(*) FROM (SELECT instance_id FROM durable.history WHERE event_type = 'ExecutionStarted' AND instance_id = ANY(@ids) GROUP BY instance_id HAVING count(*) > 1) twice",
            ids);
        if (startedTwice > 0)
        {
            problems.Add($"{startedTwice} transitions have more than one ExecutionStarted");
        }

        // Every transition created during the run is one an accepted message was answered with: none from a malformed message, none extra.
        var created = await QueryAsync(
            dataSource, "SELECT instance_id FROM durable.instances WHERE instance_id LIKE 'ct-%' AND created_at >= @since", r => r.GetString(0), ("since", runStart.ToUnixTimeMilliseconds()));
        var extra = created.Except(ids, StringComparer.Ordinal).ToList();
        var missing = ids.Except(created, StringComparer.Ordinal).ToList();
        if (extra.Count > 0 || missing.Count > 0)
        {
            problems.Add($"transitions created during the run: {created.Count}, accepted: {ids.Length} ({extra.Count} not answered as accepted, {missing.Count} accepted but missing)");
        }

        // Intake recorded exactly the accepted messageIds, each with the transition it answered, and no malformed one.
        var recorded = (await QueryAsync(
            dataSource, "SELECT message_id, transition_id FROM app.processed_messages WHERE message_id LIKE @prefix", r => (Message: r.GetString(0), Transition: r.GetString(1)), ("prefix", messageIdPrefix + "%")))
            .ToDictionary(r => r.Message, r => r.Transition, StringComparer.Ordinal);
        var wrong = accepted.Count(a => !recorded.TryGetValue(a.Message.MessageId, out var transition) || transition != a.TransitionId);
        var malformedRecorded = answers.Count(a => a.Message.Malformed && recorded.ContainsKey(a.Message.MessageId));
        if (wrong > 0 || malformedRecorded > 0 || recorded.Count != accepted.Count)
        {
            problems.Add($"processed messages: {recorded.Count} recorded for {accepted.Count} accepted ({wrong} missing or with another transition, {malformedRecorded} malformed recorded)");
        }

        foreach (var problem in problems)
        {
            Console.WriteLine($"load: verification FAILED: {problem}");
        }

        if (problems.Count == 0)
        {
            Console.WriteLine($"load: verified: {ids.Length} accepted messages (the warm-up's included), {ids.Length} transitions each started once, none from the {answers.Count(a => a.Message.Malformed)} malformed messages");
        }

        return problems.Count == 0;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, string[] ids) =>
        (await QueryAsync(dataSource, sql, r => r.GetInt64(0), ("ids", ids))).Single();

    private static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, (string Name, object Value) parameter)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
