using System.Globalization;
using System.Text.RegularExpressions;
using CareTransitions.Directory;

namespace CareTransitions.AccessLogging;

/// <summary>
/// The access-log page's search form as it came in the query (<c>person</c>, <c>overgang</c>, <c>fran</c>, <c>till</c>,
/// <c>utfall</c>), kept as typed so the page can show it again, and read into an <see cref="AccessLogQuery"/>.
/// </summary>
internal sealed partial record AccessLogFilter(string Person, string Transition, string From, string To, string Outcome)
{
    public static AccessLogFilter Parse(IQueryCollection query) => new(
        Value(query, "person"), Value(query, "overgang"), Value(query, "fran"), Value(query, "till"), Value(query, "utfall"));

    /// <summary>The query, or the Swedish problems, each naming its field: (field id, message).</summary>
    public (AccessLogQuery? Query, IReadOnlyList<(string Field, string Message)> Problems) Read()
    {
        var problems = new List<(string, string)>();
        if (this.Person.Length > 0 && !HsaIds.IsValid(this.Person))
        {
            problems.Add(("person", "Personens HSA-id: skriv det som SE, tio siffror, bindestreck och id, t.ex. SE2321000131-P000000000001."));
        }
        if (this.Transition.Length > 0 && !TransitionText().IsMatch(this.Transition))
        {
            problems.Add(("overgang", "Referens eller övergångens id: skriv referensen (t.ex. VÖ-7KQ2) eller id:t, bara bokstäver, siffror och - _ : . (högst 100 tecken)."));
        }
        var from = Date(this.From, "fran", "Från och med", problems);
        var to = Date(this.To, "till", "Till och med", problems);
        if (from > to)
        {
            problems.Add(("fran", "Från och med: datumet ligger efter Till och med. Byt plats på dem eller ändra något av dem."));
        }
        var outcome = this.Outcome.Length == 0 ? null : AccessOutcomes.Parse(this.Outcome);
        if (this.Outcome.Length > 0 && outcome is null)
        {
            problems.Add(("utfall", "Utfall: välj visad, nekad, sökning eller export, eller Alla."));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new AccessLogQuery(Empty(this.Person), Empty(this.Transition), from, to, outcome), problems);
    }

    /// <summary>The filter as the access log records a search: only the fields given, e.g. "person=SE…; från=2026-05-01".</summary>
    public string Describe()
    {
        var parts = new[] { ("person", this.Person), ("övergång", this.Transition), ("från", this.From), ("till", this.To), ("utfall", this.Outcome) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={p.Item2}").ToList();
        return parts.Count == 0 ? "hela loggen" : string.Join("; ", parts);
    }

    private static DateOnly? Date(string text, string field, string label, List<(string, string)> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        problems.Add((field, $"{label}: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-05-01."));
        return null;
    }

    // Trimmed and capped, so a pasted reference with spaces still finds its rows and nothing long is echoed back.
    private static string Value(IQueryCollection query, string name)
    {
        var value = ((string?)query[name] ?? "").Trim();
        return value.Length <= 200 ? value : value[..200];
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"^[\p{L}\p{Nd}\-_:.]{1,100}\z")]
    private static partial Regex TransitionText();
}
