using CareTransitions.Workflow;
using static CareTransitions.Worklist.WorklistText;

namespace CareTransitions.Worklist;

/// <summary>
/// Judges a transition's deadlines at one moment: the admission notice within 24 h, each unit's acknowledgement
/// (reminder, then escalation), the SIP call within 3 days and the first day of payment responsibility under the
/// region's rule, which the workflow already computed into the status. Pure, so it is tested without a host.
/// </summary>
internal static class WorklistDeadlines
{
    private static readonly TimeSpan Soon = TimeSpan.FromHours(24);

    public static WorklistRow Judge(string id, DateTimeOffset createdAt, TransitionStatus status, bool isWard, DateTimeOffset now, Func<int, long> dailyAmountOre)
    {
        var today = SwedishTime.Date(now);
        var d = status.Deadlines;
        var deadlines = new List<WorklistDeadline>();
        if (d.AdmittedAt is { } admitted && d.AdmissionNoticeDue is { } noticeDue)
        {
            deadlines.Add(d.AdmissionNoticeAt is { } sent
                ? new("Inskrivningsmeddelande inom 24 h", d.AdmissionNoticeLate ? $"Kom för sent, {Time(sent)} (inskriven {Time(admitted)})" : $"Kom i tid, {Time(sent)}", Urgency.Met, null)
                : new("Inskrivningsmeddelande inom 24 h", $"Saknas, senast {Time(noticeDue)}", By(noticeDue, now), noticeDue));
        }

        foreach (var unit in status.Units.Where(u => u.AcknowledgedAt is null && u.NotifiedAt is not null))
        {
            var label = $"Kvittens: {unit.Name}";
            deadlines.Add(unit.EscalatedAt is { } escalated ? new(label, $"Eskalerad {Time(escalated)}, ännu inte kvitterad", Urgency.Overdue, escalated)
                : unit.EscalationDue is { } escalation && escalation <= now ? new(label, $"Skulle ha eskalerats {Time(escalation)}", Urgency.Overdue, escalation)
                : unit.RemindedAt is { } reminded ? new(label, $"Påmind {Time(reminded)}, eskaleras {Time(unit.EscalationDue)}", Urgency.Soon, unit.EscalationDue)
                : new(label, $"Påminnelse {Time(unit.ReminderDue)}, eskalering {Time(unit.EscalationDue)}", unit.EscalationDue is { } due ? By(due, now) : Urgency.OnTrack, unit.EscalationDue));
        }

        if (d.SipRequired && d.SipDue is { } sipDue)
        {
            var dueAt = SwedishTime.StartOf(sipDue.AddDays(1));
            deadlines.Add(d.SipCalledAt is { } called
                ? new("SIP kallad inom 3 dygn", $"Kallad {Time(called)}", Urgency.Met, null)
                : new("SIP kallad inom 3 dygn", today > sipDue ? $"Inte kallad, senast {Date(sipDue)}" : $"Senast {Date(sipDue)}", By(dueAt, now), dueAt));
        }

        // As the outcome will count it if the patient leaves today: every ended period's paid days, and the current period's
        // days before today (the day of discharge is not paid); nothing while the rule waits for an admission notice.
        var days = d.PaymentWaitsForAdmissionNotice ? 0 : d.PaymentDaysEnded;
        long cost = 0;
        if (!d.PaymentWaitsForAdmissionNotice && d.PaymentDaysEnded > 0)
        {
            cost += d.PaymentDaysEnded * dailyAmountOre(today.Year);
        }

        if (d.PaymentResponsibilityFrom is { } from)
        {
            for (var day = from; day < today && !d.PaymentWaitsForAdmissionNotice; day = day.AddDays(1))
            {
                days++;
                cost += dailyAmountOre(day.Year);
            }
            var starts = SwedishTime.StartOf(from);
            var earlier = d.PaymentDaysEnded > 0 && !d.PaymentWaitsForAdmissionNotice ? $" (varav {d.PaymentDaysEnded} före avbrott)" : "";
            deadlines.Add(new($"Betalningsansvar ({d.PaymentRule})",
                d.PaymentWaitsForAdmissionNotice ? $"Från {Date(from)}, om inskrivningsmeddelande skickas"
                : days > 0 ? $"Sedan {Date(from)}: {days} {(days == 1 ? "dag" : "dagar")}{earlier}, {Kronor(cost)} hittills"
                : $"Från {Date(from)}",
                d.PaymentWaitsForAdmissionNotice ? Urgency.OnTrack : By(starts, now), starts));
        }
        else if (days > 0)
        {
            // Withdrawn (avbrott) after paid days: the clock is stopped, the days stand.
            deadlines.Add(new($"Betalningsansvar ({d.PaymentRule})", $"{days} {(days == 1 ? "dag" : "dagar")} före avbrott, {Kronor(cost)}", Urgency.Met, null));
        }

        var open = deadlines.Where(x => x.Urgency != Urgency.Met).ToList();
        return new WorklistRow(
            id, createdAt, status, deadlines,
            open.Count == 0 ? Urgency.OnTrack : open.Min(x => x.Urgency),
            open.Where(x => x.Due is not null).Min(x => x.Due), days, cost, isWard);
    }

    private static Urgency By(DateTimeOffset due, DateTimeOffset now) =>
        due <= now ? Urgency.Overdue : due - now <= Soon ? Urgency.Soon : Urgency.OnTrack;
}
