using CareTransitions.Workflow;

namespace CareTransitions.Worklist;

/// <summary>
/// The work list's filters as they came in the query (<c>lage</c>, <c>fas</c>, <c>sok</c>, <c>sortera</c>), kept as typed
/// so the page shows them again; values outside the lists are problems, never silently ignored.
/// </summary>
internal sealed record WorklistFilter(string Situation, string Phase, string Search, string Sort)
{
    public static readonly (string Value, string Label)[] Situations =
        [("", "Alla öppna"), ("forsenat", "Försenade"), ("snart", "Försenade eller snart"), ("okvitterat", "Väntar på kvittens")];

    public static readonly (string Value, string Label, TransitionPhase? Phase)[] Phases =
    [
        ("", "Alla faser", null), ("inskriven", "Inskriven", TransitionPhase.Admitted), ("utskrivningsklar", "Utskrivningsklar", TransitionPhase.ReadyForDischarge),
        ("avbrott", "Avbrott", TransitionPhase.Withdrawn), ("utskriven", "Utskriven, väntar på kvittenser", TransitionPhase.Discharged),
    ];

    public static readonly (string Value, string Label)[] Sorts =
        [("", "Försenade först, sedan närmaste tidsfrist"), ("nyast", "Nyast först"), ("aldst", "Äldst först"), ("referens", "Referens A–Ö")];

    public static WorklistFilter Parse(IQueryCollection query) => new(Value(query, "lage"), Value(query, "fas"), Value(query, "sok"), Value(query, "sortera"));

    /// <summary>The Swedish problems, each naming its field: (field id, message).</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Situations.All(s => s.Value != this.Situation))
        {
            problems.Add(("lage", "Läge: välj ett av alternativen i listan."));
        }
        if (Phases.All(p => p.Value != this.Phase))
        {
            problems.Add(("fas", "Fas: välj ett av alternativen i listan."));
        }
        if (Sorts.All(s => s.Value != this.Sort))
        {
            problems.Add(("sortera", "Sortering: välj ett av alternativen i listan."));
        }
        return problems;
    }

    /// <summary>The rows the filter keeps, in its order. Call only when <see cref="Problems"/> is empty.</summary>
    public IEnumerable<WorklistRow> Apply(IEnumerable<WorklistRow> rows)
    {
        var phase = Phases.First(p => p.Value == this.Phase).Phase;
        var kept = rows.Where(r =>
            (phase is null || r.Status.Phase == phase)
            && (this.Search.Length == 0 || r.Reference.Contains(this.Search, StringComparison.OrdinalIgnoreCase) || r.Id.Contains(this.Search, StringComparison.OrdinalIgnoreCase))
            && this.Situation switch
            {
                "forsenat" => r.Urgency == Urgency.Overdue,
                "snart" => r.Urgency is Urgency.Overdue or Urgency.Soon,
                "okvitterat" => r.AwaitsAcknowledgement,
                _ => true,
            });
        return this.Sort switch
        {
            "nyast" => kept.OrderByDescending(r => r.CreatedAt),
            "aldst" => kept.OrderBy(r => r.CreatedAt),
            "referens" => kept.OrderBy(r => r.Reference, StringComparer.Ordinal),
            _ => kept.OrderBy(r => r.Urgency).ThenBy(r => r.NextDue ?? DateTimeOffset.MaxValue).ThenBy(r => r.CreatedAt),
        };
    }

    /// <summary>The filter as the query string of the page and the CSV, so "Exportera CSV" exports what is shown.</summary>
    public string QueryString()
    {
        var parts = new[] { ("lage", this.Situation), ("fas", this.Phase), ("sok", this.Search), ("sortera", this.Sort) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The filter as the audit log records it.</summary>
    public string Describe()
    {
        var parts = new[] { ("läge", this.Situation), ("fas", this.Phase), ("sök", this.Search), ("sortera", this.Sort) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={p.Item2}").ToList();
        return parts.Count == 0 ? "alla öppna" : string.Join("; ", parts);
    }

    // Trimmed and capped, so nothing long is echoed back.
    private static string Value(IQueryCollection query, string name)
    {
        var value = ((string?)query[name] ?? "").Trim();
        return value.Length <= 100 ? value : value[..100];
    }
}
