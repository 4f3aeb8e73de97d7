using Azure.Storage.Queues;
using CareTransitions.Functions.Queue;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Intake;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Functions.Tests;

/// <summary>
/// The queue trigger's method against a real Storage queue on Azurite: the message is put on <c>transitions-intake</c>
/// and read as the host reads it (id, dequeue count, body), then handed to the function as the host would.
/// </summary>
public sealed class QueueTriggerTests : IAsyncLifetime
{
    private Azurite azurite = null!;
    private FunctionsTestApp app = null!;
    private QueueClient queue = null!;

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.app = await FunctionsTestApp.StartAsync(Engine.Ours, TestSettings.PublicBaseUrl);
        this.queue = new QueueClient(this.azurite.ConnectionString, QueueMessageIntake.QueueName);
        await this.queue.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await this.app.DisposeAsync();
        await this.azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_message_on_the_intake_queue_starts_the_transition_through_the_same_intake()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());
        await this.queue.SendMessageAsync(message.ToJsonString());
        var received = (await this.queue.ReceiveMessageAsync()).Value;

        var id = await QueueIntakeFunction.Run(received.Body.ToString(), received.MessageId, received.DequeueCount, this.app.Client, this.app.NewInvocation());
        await this.queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var started = await this.app.Client.WaitForInstanceStartAsync(id, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.StartsWith(TransitionIds.Prefix, id, StringComparison.Ordinal);
        Assert.Equal(0, await this.RefusalsAuditedAsync());
    }

    [Fact]
    public async Task A_refused_message_throws_on_every_delivery_so_the_host_moves_it_to_the_poison_queue_and_the_last_is_audited()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "9999");
        await this.queue.SendMessageAsync(message.ToJsonString());
        var received = (await this.queue.ReceiveMessageAsync()).Value;

        // First delivery: refused (the host makes the message visible again), nothing audited yet.
        await Assert.ThrowsAsync<QueueMessageRefusedException>(() =>
            QueueIntakeFunction.Run(received.Body.ToString(), received.MessageId, received.DequeueCount, this.app.Client, this.app.NewInvocation()));
        Assert.Equal(0, await this.RefusalsAuditedAsync());

        // The delivery after which the host moves it to transitions-intake-poison: refused again, and audited.
        await Assert.ThrowsAsync<QueueMessageRefusedException>(() =>
            QueueIntakeFunction.Run(received.Body.ToString(), received.MessageId, QueueIntakeFunction.MaxDequeueCount, this.app.Client, this.app.NewInvocation()));
        Assert.Equal(1, await this.RefusalsAuditedAsync());
    }

    private Task<long> RefusalsAuditedAsync() => AuditRows.CountAsync(() => this.app.Services.GetRequiredService<CareTransitions.Storage.AppDatabase>().OpenAsync(), "QueueMessageRefused");
}
