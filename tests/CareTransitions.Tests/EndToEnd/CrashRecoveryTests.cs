using System.Text.Json;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The service process killed (SIGKILL) mid-transition and started again on the same files (or the same PostgreSQL database).</summary>
public sealed class CrashRecoveryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_transition_survives_the_service_being_killed_twice_without_losing_a_notification_or_a_reminder(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var mail = await Maildev.StartAsync();
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-crash-").FullName;
        var arguments = ServiceHost.Arguments(store, port, directory, mail.SmtpPort, "--Workflow:ReminderAfter=00:00:04", "--Workflow:EscalateAfter=01:00:00",
            // A dead worker's leases block its work until they expire; keep that short here (30 s by default).
            "--Durable:LeaseDuration=00:00:02",
            // Information-level logs of the whole service, to prove they never carry the personnummer.
            "--Logging:LogLevel:Default=Information");
        var client = ServiceHost.Remote(baseUrl, directory);

        var service = await ServiceProcess.StartAsync(baseUrl, arguments);
        var episode = TestMessages.NewEpisode();
        var id = await client.SubmitAsync(TestMessages.Create(
            "ReadyForDischarge", episode, needs: ["HomeHealthCare", "Rehabilitation", "PalliativeCare"]));

        // Crash 1: in the middle of the fan-out, as soon as the first email is in the SMTP server.
        await mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 1);
        await service.KillAsync();
        Assert.Contains("Accepted ReadyForDischarge", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("121212", service.Output, StringComparison.Ordinal);
        await using (service = await ServiceProcess.StartAsync(baseUrl, arguments))
        {
            var notifications = await mail.WaitForAsync(e => e.MessageId.StartsWith("<notification", StringComparison.Ordinal) && e.MessageId.Contains(id, StringComparison.Ordinal), 5);
            // Every unit got its email; a resend (crash between sending and recording) repeats a Message-ID, never adds one.
            Assert.Equal(5, notifications.Select(e => e.MessageId).Distinct().Count());
            Assert.Equal(5, notifications.Select(e => e.To).Distinct().Count());
            Assert.All(notifications.GroupBy(e => e.MessageId), resent => Assert.Single(resent.Select(e => e.To).Distinct()));
            await client.WaitForAsync(id, t => ServiceHost.Units(t).Count() == 5 && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));

            // Crash 2: while every unit is waiting on its reminder timer.
            await service.KillAsync();
        }

        await using (service = await ServiceProcess.StartAsync(baseUrl, arguments))
        {
            IReadOnlyList<ReceivedEmail> reminders;
            try
            {
                reminders = await mail.WaitForAsync(e => e.MessageId.StartsWith("<reminder", StringComparison.Ordinal) && e.MessageId.Contains(id, StringComparison.Ordinal), 5, TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException(e.Message + "\nSTATUS " + (await client.GetTransitionAsync(id)) + "\nOUTPUT " + service.Output + "\nNOW " + DateTime.UtcNow.ToString("O"));
            }

            Assert.Equal(5, reminders.Select(e => e.MessageId).Distinct().Count());

            foreach (var reminder in reminders.DistinctBy(e => e.MessageId))
            {
                await ServiceHost.AcknowledgeAsync(reminder.AckLink, "Frida Fors");
            }

            await client.SubmitAsync(TestMessages.Create("Discharged", episode));
            var done = await client.WaitForAsync(id, t => t.GetProperty("runtimeStatus").GetString() == "Completed");
            Assert.All(ServiceHost.Units(done), u => Assert.Equal("Frida Fors", u.GetProperty("acknowledgedBy").GetString()));
            Assert.Contains("Sent Reminder", service.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("121212", service.Output, StringComparison.Ordinal);
        }

        await client.DisposeAsync();
    }
}
