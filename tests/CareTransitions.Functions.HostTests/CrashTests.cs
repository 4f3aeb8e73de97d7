using System.Text.Json;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace CareTransitions.Functions.HostTests;

/// <summary>Host and worker killed (SIGKILL) in the middle of a batch of transitions, then started again on the same storage.</summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Batch = 12;

    [HostFact]
    public async Task After_a_kill_mid_batch_every_transition_completes_once_and_no_step_is_emailed_under_two_message_ids()
    {
        await using var services = await HostServices.StartAsync();
        var settings = FunctionsHostProcess.Settings(services, "crash");
        settings["Workflow__ReminderAfter"] = "01:00:00";
        settings["Workflow__EscalateAfter"] = "02:00:00";
        settings["AzureFunctionsJobHost__logging__logLevel__DurableTask.AzureStorage"] = "Information";
        var port = FreePort.Next();
        var host = await FunctionsHostProcess.StartAsync(settings, port: port);
        var episodes = Enumerable.Range(0, Batch).Select(_ => TestMessages.NewEpisode()).ToList();
        List<string> ids;
        try
        {
            ids = [.. await Task.WhenAll(episodes.Select(e => host.SubmitAsync(TestMessages.Create("ReadyForDischarge", e))))];
            // Mid-batch: some units emailed, most not yet.
            await services.Mail.WaitForAsync(e => e.MessageId.StartsWith("<notification", StringComparison.Ordinal), 3, TimeSpan.FromSeconds(60));
            await host.KillAsync();
        }
        finally
        {
            await host.DisposeAsync();
        }

        var sentBeforeKill = (await services.Mail.AllAsync()).Count;
        await using (host = await FunctionsHostProcess.StartAsync(settings, port: port))
        {
            var statuses = new List<JsonElement>();
            foreach (var id in ids)
            {
                statuses.Add(await host.WaitForAsync(id, Transitions.AllNotified, TimeSpan.FromSeconds(180)));
            }
            var expected = statuses.Sum(s => Transitions.Units(s).Count());
            var notifications = await services.Mail.WaitForAsync(e => e.MessageId.StartsWith("<notification", StringComparison.Ordinal), expected, TimeSpan.FromSeconds(60));

            // One Message-ID per unit and step; a resend after the kill (sent, not yet recorded) repeats it, never adds one.
            Assert.Equal(expected, notifications.Select(e => e.MessageId).Distinct().Count());
            Assert.All(notifications.GroupBy(e => e.MessageId), same => Assert.Single(same.Select(e => e.To).Distinct()));
            output.WriteLine($"{Batch} transitions, {expected} units; {sentBeforeKill} emails before the kill; {notifications.Count} received for {expected} Message-IDs ({notifications.Count - expected} resent).");

            foreach (var email in notifications.DistinctBy(e => e.MessageId))
            {
                using var page = await AcknowledgementPage.OpenAsync(email.AckLink);
                await page.SubmitAsync("Frida Fors");
            }
            foreach (var episode in episodes)
            {
                await host.SubmitAsync(TestMessages.Create("Discharged", episode));
            }
            foreach (var id in ids)
            {
                await host.WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed", TimeSpan.FromSeconds(120));
            }
        }

        // Each transition's outcome is recorded once, for the statistics.
        await using var connection = new NpgsqlConnection(services.Database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM statistics.outcomes WHERE transition_id = ANY(@ids)", connection);
        count.Parameters.AddWithValue("ids", ids.ToArray());
        Assert.Equal((long)Batch, (long)(await count.ExecuteScalarAsync())!);
    }
}
