using System.Text.Json;
using CareTransitions.AccessLogging;
using CareTransitions.Handover;
using CareTransitions.Privacy;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;
using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareTransitions.Tests.EndToEnd.Handover;

/// <summary>
/// The personal data's life after the page: a completed transition keeps it for <c>PersonalData:Retention</c> and then
/// loses it while its pseudonymised statistics stay; and the rotation command moves every record onto a new key, after
/// which the old key can go and the page still shows the patient.
/// </summary>
public sealed class PersonalDataLifeCycleTests(HandoverFixture fixture) : IClassFixture<HandoverFixture>
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Retention_removes_a_finished_transitions_personal_data_but_not_its_statistics(string provider)
    {
        var (service, _) = await fixture.ServiceAsync(provider);
        var episode = TestMessages.NewEpisode();
        var id = await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare"])));
        var transition = await service.WaitForAsync(id, t => ServiceHost.Units(t).Any() && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        var reference = transition.GetProperty("reference").GetString()!;
        var emails = await fixture.Mail.WaitForAsync(m => m.Subject.EndsWith(reference, StringComparison.Ordinal) && m.AckLink.Length > 0, ServiceHost.Units(transition).Count());
        foreach (var link in emails.Select(e => e.AckLink).Distinct())
        {
            await ServiceHost.AcknowledgeAsync(link, "Anna Andersson");
        }

        await service.SubmitAsync(TestMessages.Create("Discharged", episode, needs: ["HomeHealthCare"]));
        await service.WaitForAsync(id, t => t.GetProperty("runtimeStatus").GetString() == "Completed");
        var handovers = service.Services.GetRequiredService<HandoverStore>();
        Assert.NotNull(await handovers.LatestAsync(id, default));
        Assert.Equal(1, StatisticsRows(service, id));

        // A day short of the retention nothing goes; a day past it the identity, plan and conversation go, the statistics stay.
        var options = service.Services.GetRequiredService<IOptions<PersonalDataOptions>>();
        Assert.Equal(TimeSpan.FromDays(30), options.Value.Retention);
        await Cleanup(service, DateTimeOffset.UtcNow.AddDays(29)).RunOnceAsync(default);
        Assert.NotNull(await handovers.LatestAsync(id, default));
        await Cleanup(service, DateTimeOffset.UtcNow.AddDays(31)).RunOnceAsync(default);

        Assert.Null(await handovers.LatestAsync(id, default));
        Assert.Empty(await service.Services.GetRequiredService<ConversationStore>().ListAsync(id, default));
        Assert.Null(await service.Services.GetRequiredService<TransitionReferences>().FindAsync(id, default));
        Assert.Equal(1, StatisticsRows(service, id));
    }

    [Fact]
    public async Task The_rotation_command_reseals_every_record_and_the_page_reads_them_with_the_new_key_alone()
    {
        await using var mail = await Maildev.StartAsync();
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-rotate-").FullName;
        var oldKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var ids = new List<string>();
        var port = FreePort.Next();
        string[] Settings(params string[] keys) => ServiceHost.Arguments(port, directory, mail.SmtpPort, keys);

        var before = CareTransitionsApp.Build(Settings($"--PersonalData:Keys:k1={oldKey}"));
        await before.StartAsync();
        var service = ServiceHost.Remote($"http://127.0.0.1:{port}", directory);
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeCare"]), $"Plan {i}")));
        }

        await before.Services.GetRequiredService<ConversationStore>().PostAsync(ids[0], "SE2120001480-samordning", new ConversationEntry("Nina", "SE1", "Samordning", "Hej"), DateTimeOffset.UtcNow, default);
        await before.StopAsync();
        await before.DisposeAsync();

        // The operator adds k2, makes it current and runs the command with the service's settings.
        var output = new StringWriter();
        var rotating = CareTransitionsApp.Build(Settings($"--PersonalData:Keys:k1={oldKey}", $"--PersonalData:Keys:k2={newKey}", "--PersonalData:CurrentKeyId=k2"));
        await KeyRotationCommand.RunAsync(rotating.Services, output);
        await rotating.DisposeAsync();
        Assert.Contains("Done: 13 records re-sealed; every record is now under 'k2'.", output.ToString(), StringComparison.Ordinal);

        // k1 is gone: every record still opens.
        var after = CareTransitionsApp.Build(Settings($"--PersonalData:Keys:k2={newKey}"));
        var handovers = after.Services.GetRequiredService<HandoverStore>();
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal($"Plan {i}", (await handovers.LatestAsync(ids[i], default))!.Information.Plan!.PlanningNotes);
        }

        Assert.Equal("Hej", Assert.Single(await after.Services.GetRequiredService<ConversationStore>().ListAsync(ids[0], default)).Entry.Text);
        await after.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(directory, recursive: true);
    }

    private static RetentionCleanup Cleanup(ServiceHost service, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var database = service.Services.GetRequiredService<AppDatabase>();
        return new RetentionCleanup(
            database,
            new PersonalDataUpkeep(database, service.Services.GetRequiredService<PersonalDataCipher>(), clock),
            service.Services.GetRequiredService<IOptions<PersonalDataOptions>>(),
            new AccessLog(database, clock),
            service.Services.GetRequiredService<IOptions<AccessLogOptions>>(),
            clock,
            NullLogger<RetentionCleanup>.Instance);
    }

    private static long StatisticsRows(ServiceHost service, string transitionId)
    {
        using var connection = service.Services.GetRequiredService<StatisticsDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outcomes WHERE transition_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = transitionId;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
