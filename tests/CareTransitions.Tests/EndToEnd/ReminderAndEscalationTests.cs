using System.Text.Json;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>Durable timers with durations in seconds: reminders, then escalation to the right contact.</summary>
public sealed class ReminderAndEscalationTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_unacknowledged_unit_is_reminded_then_escalated_to_on_call_outside_office_hours_and_still_awaited(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var mail = await Maildev.StartAsync();
        // No office days at all: every moment is outside office hours.
        await using var service = await ServiceHost.StartAsync(
            mail, store, "--Workflow:ReminderAfter=00:00:03", "--Workflow:EscalateAfter=00:00:06", "--Workflow:OfficeHours:Days=");
        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        var first = await mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);
        // One unit acknowledges at once and must hear nothing more.
        await ServiceHost.AcknowledgeAsync(first.Single(e => e.To.StartsWith("vardcentral", StringComparison.Ordinal)).AckLink, "Dora Dahl");

        var reminder = (await mail.WaitForAsync(e => e.MessageId.StartsWith("<reminder", StringComparison.Ordinal) && e.MessageId.Contains(id, StringComparison.Ordinal), 1))[0];
        var escalation = (await mail.WaitForAsync(e => e.MessageId.StartsWith("<escalation", StringComparison.Ordinal) && e.MessageId.Contains(id, StringComparison.Ordinal), 1))[0];

        Assert.Equal("utskrivning@goteborg.example.se", reminder.To);
        Assert.StartsWith("Påminnelse", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal("jour@goteborg.example.se", escalation.To);
        Assert.StartsWith("Eskalering", escalation.Subject, StringComparison.Ordinal);
        var status = await service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("escalatedTo").ValueKind == JsonValueKind.String));
        var coordination = ServiceHost.Units(status).Single(u => u.GetProperty("unitId").GetString() == "1480-samordning");
        Assert.Equal("OnCall", coordination.GetProperty("escalatedTo").GetString());
        Assert.True(coordination.GetProperty("remindedAt").GetDateTimeOffset() < coordination.GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());

        // After escalating it keeps waiting: the escalation's own link still acknowledges.
        await ServiceHost.AcknowledgeAsync(escalation.AckLink, "Erik Jour");
        var acknowledged = await service.WaitForAsync(id, t => ServiceHost.Units(t).All(u => u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String));
        Assert.Equal("Erik Jour", ServiceHost.Units(acknowledged).Single(u => u.GetProperty("unitId").GetString() == "1480-samordning").GetProperty("acknowledgedBy").GetString());
        Assert.DoesNotContain(await mail.AllAsync(), e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.To.StartsWith("vardcentral", StringComparison.Ordinal) && !e.MessageId.StartsWith("<notification", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Within_office_hours_the_escalation_goes_to_the_escalation_contact(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(
            mail,
            store,
            [
                "--Workflow:ReminderAfter=00:00:01", "--Workflow:EscalateAfter=00:00:02",
                "--Workflow:OfficeHours:Opens=00:00", "--Workflow:OfficeHours:Closes=23:59:59.9999999", "--Workflow:OfficeHours:ClosedOnHolidays=false",
                $"--Workflow:OfficeHours:Days={string.Join(',', Enum.GetNames<DayOfWeek>())}",
            ]);
        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "0181", needs: []));

        var escalations = await mail.WaitForAsync(e => e.MessageId.StartsWith("<escalation", StringComparison.Ordinal) && e.MessageId.Contains(id, StringComparison.Ordinal), 2);

        Assert.Equal(["enhetschef.samordning@sodertalje.example.se", "enhetschef.vardcentral@sodertalje.example.se"], escalations.Select(e => e.To).Order().ToArray());
        var status = await service.WaitForAsync(id, t => ServiceHost.Units(t).All(u => u.GetProperty("escalatedTo").ValueKind == JsonValueKind.String));
        Assert.All(ServiceHost.Units(status), u => Assert.Equal("Escalation", u.GetProperty("escalatedTo").GetString()));
        Assert.Equal("Stockholm", status.GetProperty("status").GetProperty("deadlines").GetProperty("paymentRule").GetString());
    }
}
