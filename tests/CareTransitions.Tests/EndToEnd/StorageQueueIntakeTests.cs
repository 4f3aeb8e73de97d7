using Azure.Storage.Queues;
using CareTransitions.Intake;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Testing;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// The standalone service started with <c>Intake:Queue:ConnectionString</c> reads <c>transitions-intake</c> on Azurite
/// into the same intake as the Functions queue trigger (the message is the intake JSON as text, as there).
/// </summary>
public sealed class StorageQueueIntakeTests : IAsyncLifetime
{
    private Maildev mail = null!;
    private Azurite azurite = null!;
    private ServiceHost service = null!;

    public async Task InitializeAsync()
    {
        this.mail = await Maildev.StartAsync();
        this.azurite = await Azurite.StartAsync();
        this.service = await ServiceHost.StartAsync(
            this.mail,
            $"--Intake:Queue:ConnectionString={this.azurite.ConnectionString}",
            "--Intake:Queue:VisibilityTimeout=00:00:01",
            "--Intake:Queue:MaxPollingInterval=00:00:00.500");
    }

    public async Task DisposeAsync()
    {
        await this.service.DisposeAsync();
        await this.azurite.DisposeAsync();
        await this.mail.DisposeAsync();
    }

    private QueueClient Queue(string name) => new(this.azurite.ConnectionString, name);

    [Fact]
    public async Task A_message_on_the_intake_queue_starts_its_transition_and_is_deleted()
    {
        var episode = TestMessages.NewEpisode();
        var queue = this.Queue(QueueMessageIntake.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(TestMessages.Create("ReadyForDischarge", episode).ToJsonString());

        var id = TransitionIds.For(TestMessages.WardHsaId, episode);
        var status = await this.service.WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Running");
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());

        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "an empty intake queue");
        Assert.Equal(0, await this.RefusalsAuditedAsync());
    }

    [Fact]
    public async Task A_malformed_message_is_retried_and_after_five_deliveries_is_in_the_poison_queue_with_an_audit_row()
    {
        var queue = this.Queue(QueueMessageIntake.QueueName);
        var poison = this.Queue(QueueMessageIntake.QueueName + "-poison");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{ not json");

        await Eventually.TrueAsync(
            async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(10)).Value.Length == 1, "the message in the poison queue", TimeSpan.FromSeconds(60));
        var moved = Assert.Single((await poison.PeekMessagesAsync(10)).Value);
        Assert.Equal("{ not json", moved.Body.ToString());
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
        Assert.Equal(1, await this.RefusalsAuditedAsync());
    }

    private Task<long> RefusalsAuditedAsync() => AuditRows.CountAsync(() => this.service.Services.GetRequiredService<CareTransitions.Storage.AppDatabase>().OpenAsync(), "QueueMessageRefused");
}
