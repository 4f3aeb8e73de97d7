using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace CareTransitions.Configuration.Validation;

/// <summary>
/// <c>Workflow:*</c>: every value a transition copies at its start (so a wrong one would otherwise fail mid-transition,
/// at a reminder or an escalation) and the payment rules by name.
/// </summary>
internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    private static readonly string[] BuiltInRules = ["Default3Days", "Stockholm"];

    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var problems = new SettingProblems();
        if (options.ReminderAfter <= TimeSpan.Zero)
        {
            problems.Bad("Workflow:ReminderAfter", options.ReminderAfter, "must be longer than zero, e.g. 04:00:00 (four hours).");
        }

        if (options.EscalateAfter <= TimeSpan.Zero)
        {
            problems.Bad("Workflow:EscalateAfter", options.EscalateAfter, "must be longer than zero, e.g. 1.00:00:00 (one day).");
        }
        else if (options.ReminderAfter > TimeSpan.Zero && options.ReminderAfter >= options.EscalateAfter)
        {
            // The unit is reminded first and escalated only when the reminder did not help.
            problems.Bad("Workflow:ReminderAfter", options.ReminderAfter, $"must be shorter than Workflow:EscalateAfter ({options.EscalateAfter}): the reminder comes before the escalation.");
        }

        if (options.UpdateEmailWindow < TimeSpan.Zero || options.UpdateEmailWindow > TimeSpan.FromDays(1))
        {
            problems.Bad("Workflow:UpdateEmailWindow", options.UpdateEmailWindow, "must be from 00:00:00 (each change emailed at once) to 1.00:00:00, e.g. 00:10:00.");
        }

        ValidateOfficeHours(options.OfficeHours, problems);
        ValidatePaymentRules(options, problems);
        return problems.ToResult();
    }

    private static void ValidateOfficeHours(OfficeHoursOptions hours, SettingProblems problems)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone ?? string.Empty, out _))
        {
            problems.Bad("Workflow:OfficeHours:TimeZone", hours.TimeZone, "is not a time zone this machine knows: use an IANA name, e.g. Europe/Stockholm.");
        }

        if (hours.Opens >= hours.Closes)
        {
            problems.Bad("Workflow:OfficeHours:Opens", hours.Opens.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                $"must be before Workflow:OfficeHours:Closes ({hours.Closes:HH:mm}), e.g. Opens=08:00 and Closes=17:00.");
        }

        var unknown = OfficeHoursOptions.SplitDays(hours.Days).Where(d => !OfficeHoursOptions.IsDayName(d)).ToList();
        if (unknown.Count > 0)
        {
            problems.Bad("Workflow:OfficeHours:Days", hours.Days,
                $"has {string.Join(", ", unknown.Select(d => $"'{d}'"))}, not a day name: use English day names separated by commas, e.g. Monday,Tuesday,Wednesday,Thursday,Friday (empty: every escalation goes on call).");
        }
    }

    private static void ValidatePaymentRules(WorkflowOptions options, SettingProblems problems)
    {
        var known = BuiltInRules.Concat(options.PaymentRules.Keys).ToHashSet(StringComparer.Ordinal);
        var names = string.Join(", ", known.Order(StringComparer.Ordinal));
        if (!known.Contains(options.DefaultPaymentRule ?? string.Empty))
        {
            problems.Bad("Workflow:DefaultPaymentRule", options.DefaultPaymentRule, $"is not a payment rule: use one of {names}, or define it under Workflow:PaymentRules:{options.DefaultPaymentRule}.");
        }

        foreach (var (municipality, rule) in options.PaymentRuleByMunicipality.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!known.Contains(rule ?? string.Empty))
            {
                problems.Bad($"Workflow:PaymentRuleByMunicipality:{municipality}", rule, $"is not a payment rule: use one of {names}, or define it under Workflow:PaymentRules:{rule}.");
            }
        }

        foreach (var (ruleName, rule) in options.PaymentRules.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (rule.FreeDays < 0)
            {
                problems.Bad($"Workflow:PaymentRules:{ruleName}:FreeDays", rule.FreeDays, "must be 0 or more calendar days, e.g. 3.");
            }

            if (rule.PsychiatricFreeDays < 0)
            {
                problems.Bad($"Workflow:PaymentRules:{ruleName}:PsychiatricFreeDays", rule.PsychiatricFreeDays, "must be 0 or more calendar days, e.g. 3.");
            }
        }
    }
}
