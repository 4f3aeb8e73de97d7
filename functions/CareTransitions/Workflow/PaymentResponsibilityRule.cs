namespace CareTransitions.Workflow;

/// <summary>A stretch of time as ready for discharge (utskrivningsklar), ended by withdrawal or discharge.</summary>
internal sealed record ReadyPeriod(DateTimeOffset NotifiedAt, DateTimeOffset? EndedAt);

/// <summary>
/// When the municipality starts paying for a patient who is ready for discharge but still in hospital
/// (betalningsansvar). Data, not code, because regional agreements change the free days and how they are counted.
/// </summary>
/// <remarks>
/// Day 0 is the local date of the ready-for-discharge notice, or the next day when the notice is sent at
/// or after <see cref="NoticeCutoff"/>. Payment starts on day 0 + <see cref="FreeDays"/> and covers every
/// calendar day before the discharge date (the day of discharge is not paid). A withdrawal stops the
/// clock; a new notice starts a new count.
/// </remarks>
/// <param name="Name">The name the statistics show, e.g. "Default3Days".</param>
/// <param name="FreeDays">Calendar days after day 0 before payment starts (somatic care).</param>
/// <param name="PsychiatricFreeDays">The same for psychiatric care.</param>
/// <param name="NoticeCutoff">Notices at or after this local time count from the next day; null: no cutoff.</param>
/// <param name="RequiresAdmissionNotice">The law's condition: no payment unless an admission notice was sent.</param>
internal sealed record PaymentResponsibilityRule(
    string Name, int FreeDays, int PsychiatricFreeDays, TimeOnly? NoticeCutoff = null, bool RequiresAdmissionNotice = true)
{
    /// <summary>The law's default without a local agreement: from 3 calendar days after the notice.</summary>
    public static PaymentResponsibilityRule Default3Days { get; } = new("Default3Days", 3, 3);

    /// <summary>Stockholm's agreement: day 0 + 2 calendar days if notified before 12:00; 5 days in psychiatry.</summary>
    public static PaymentResponsibilityRule Stockholm { get; } = new("Stockholm", 2, 5, new TimeOnly(12, 0));

    public DateOnly FirstPayingDay(DateTimeOffset notifiedAt, CareType careType)
    {
        var local = SwedishTime.ToLocal(notifiedAt);
        var day0 = DateOnly.FromDateTime(local);
        if (this.NoticeCutoff is { } cutoff && TimeOnly.FromDateTime(local) >= cutoff)
        {
            day0 = day0.AddDays(1);
        }

        return day0.AddDays(careType == CareType.Psychiatric ? this.PsychiatricFreeDays : this.FreeDays);
    }

    /// <summary>Days the municipality pays for, over every ended period.</summary>
    public int PaymentDays(IEnumerable<ReadyPeriod> periods, CareType careType, bool admissionNoticeSent)
    {
        if (this.RequiresAdmissionNotice && !admissionNoticeSent)
        {
            return 0;
        }

        return periods
            .Where(p => p.EndedAt is not null)
            .Sum(p => Math.Max(0, SwedishTime.Date(p.EndedAt!.Value).DayNumber - this.FirstPayingDay(p.NotifiedAt, careType).DayNumber));
    }

    /// <summary>Calendar days as ready for discharge (SKR: end date minus ready date; 0 = same day).</summary>
    public static int DaysReadyForDischarge(IEnumerable<ReadyPeriod> periods) => periods
        .Where(p => p.EndedAt is not null)
        .Sum(p => Math.Max(0, SwedishTime.Date(p.EndedAt!.Value).DayNumber - SwedishTime.Date(p.NotifiedAt).DayNumber));
}

/// <summary>Picks the rule for a municipality from configuration.</summary>
internal sealed class PaymentRuleCatalog(Configuration.WorkflowOptions options)
{
    public PaymentResponsibilityRule For(string municipalityCode)
    {
        var name = options.PaymentRuleByMunicipality.GetValueOrDefault(municipalityCode) ?? options.DefaultPaymentRule;
        return options.PaymentRules.GetValueOrDefault(name) is { } configured ? configured with { Name = name }
            : name switch
            {
                "Default3Days" => PaymentResponsibilityRule.Default3Days,
                "Stockholm" => PaymentResponsibilityRule.Stockholm,
                _ => throw new InvalidOperationException($"Workflow: payment rule '{name}' is not defined under Workflow:PaymentRules."),
            };
    }
}
