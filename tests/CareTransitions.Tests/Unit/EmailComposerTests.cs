using CareTransitions.Directory;
using CareTransitions.Notifications;
using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests;

public sealed class EmailComposerTests
{
    private static NotificationRequest Request(NotificationKind kind, UnitType type = UnitType.PrimaryCare) => new(
        "ct-1", "1480-vardcentral", type, "Vårdcentralen Göteborg", kind, "vc@example.se", "Vårdcentralen", string.Empty, IncludeLink: true,
        new NotificationDetails(
            new Ward("SE2321000131-E000000012345", "Avd 12 <Medicin>"), MessageType.ReadyForDischarge, [Need.HomeCare, Need.AssistiveDevices],
            new DateOnly(2026, 11, 25), new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.FromHours(1)), new DateOnly(2026, 11, 25),
            "Kommunens rehab förskriver hjälpmedel.", TransitionPhase.ReadyForDischarge));

    [Fact]
    public void Compose_Notification_IsSwedishPlainAndHtmlWithTheLinkAndNothingAboutThePatient()
    {
        var email = EmailComposer.Compose(Request(NotificationKind.Notification), "<id@x>", "https://ct.example.se/ack/abc", DateTimeOffset.UnixEpoch);

        Assert.Equal("Vårdövergång från Avd 12 <Medicin>: kvittering begärs", email.Subject);
        Assert.Contains("https://ct.example.se/ack/abc", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ct.example.se/ack/abc\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("Kalla till SIP-möte senast 25 november 2026", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Hemtjänst, Hjälpmedel", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Ansvar för hjälpmedel: Kommunens rehab förskriver hjälpmedel.", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Utskrivningsklar sedan: 22 november 2026 kl. 09:30", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Avd 12 &lt;Medicin&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("lang=\"sv\"", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reminder", "Påminnelse")]
    [InlineData("Escalation", "Eskalering")]
    [InlineData("Update", "Patienten är utskrivningsklar")]
    public void Compose_Kind_NamesItInTheSubject(string kind, string start) =>
        Assert.StartsWith(start, EmailComposer.Compose(Request(Enum.Parse<NotificationKind>(kind)), "<id@x>", "https://x/ack/a", null).Subject, StringComparison.Ordinal);

    [Fact]
    public void Compose_WithoutLink_SaysTheUnitHasAlreadyAcknowledged()
    {
        var email = EmailComposer.Compose(Request(NotificationKind.Update), "<id@x>", null, null);
        Assert.DoesNotContain("/ack/", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("redan kvitterad", email.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SameTransitionUnitAndKind_IsTheSameMessageIdEveryTime()
    {
        var a = MessageIds.For("ct-1", "1480-rehab", NotificationKind.Reminder, string.Empty, "example.se");
        Assert.Equal(a, MessageIds.For("ct-1", "1480-rehab", NotificationKind.Reminder, string.Empty, "example.se"));
        Assert.Equal("<reminder.1480-rehab.ct-1@example.se>", a);
        Assert.NotEqual(a, MessageIds.For("ct-1", "1480-rehab", NotificationKind.Escalation, string.Empty, "example.se"));
        Assert.NotEqual(
            MessageIds.For("ct-1", "1480-rehab", NotificationKind.Update, "m1", "example.se"),
            MessageIds.For("ct-1", "1480-rehab", NotificationKind.Update, "m2", "example.se"));
    }

    [Fact]
    public void Compose_UpdateWithSeveralChanges_ListsThemInOrderInOneEmail()
    {
        var update = Request(NotificationKind.Update);
        var request = update with { Details = update.Details with { MessageType = MessageType.Discharged, Changes = [MessageType.Withdrawn, MessageType.ReadyForDischarge, MessageType.Discharged] } };

        var email = EmailComposer.Compose(request, "<id@x>", null, null);

        Assert.Equal("Ny information (3 ändringar): Patienten är utskriven (Avd 12 <Medicin>)", email.Subject);
        var lines = email.PlainText.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["- Avbrott: patienten är inte längre utskrivningsklar", "- Patienten är utskrivningsklar", "- Patienten är utskriven"], lines);
        Assert.Contains("<ol><li>Avbrott: patienten är inte längre utskrivningsklar</li><li>Patienten är utskrivningsklar</li><li>Patienten är utskriven</li></ol>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Läget nu:", email.PlainText, StringComparison.Ordinal);
    }
}
