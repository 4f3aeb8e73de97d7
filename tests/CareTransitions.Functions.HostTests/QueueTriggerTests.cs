using Azure.Storage.Queues;
using CareTransitions.Functions.HostTests.Infrastructure;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>The <c>transitions-intake</c> Storage queue, as a regional system that cannot call HTTP uses it.</summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class QueueTriggerTests(AppUnderHost app)
{
    private const string QueueName = "transitions-intake";

    [HostFact]
    public async Task A_message_on_the_queue_starts_a_transition_and_emails_its_units()
    {
        var episode = TestMessages.NewEpisode();
        var queue = await QueueAsync(QueueName);
        // A second host on the same Azurite, as when the sign-in tests run first: it must leave the queue alone.
        var other = await app.WithAuthenticationAsync();

        await queue.SendMessageAsync(TestMessages.Create("ReadyForDischarge", episode).ToJsonString());

        var id = Transitions.IdOf(episode);
        var status = await app.Host.WaitForAsync(id, Transitions.AllNotified);
        var units = Transitions.Units(status).Count();
        Assert.True(units > 0);
        await app.Services.Mail.WaitForAsync(Transitions.Of(id, "notification"), units);
        Assert.Contains("Executing 'Functions.TransitionsQueue'", app.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Executing 'Functions.TransitionsQueue'", other.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_message_that_is_refused_five_times_moves_to_the_poison_queue()
    {
        var queue = await QueueAsync(QueueName);
        var poison = await QueueAsync(QueueName + "-poison");
        var marker = Guid.NewGuid().ToString("N");

        var sent = await queue.SendMessageAsync($$"""{"messageId":"{{marker}}","type":"NotAType"}""");

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var peeked = (await poison.PeekMessagesAsync(32)).Value;
            if (peeked.Any(m => m.Body.ToString().Contains(marker, StringComparison.Ordinal)))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the refused message never reached transitions-intake-poison. Host output ends:\n" + app.Host.Tail(40));
            await Task.Delay(500);
        }

        // The worker logged each refusal by the queue's message id, never the body.
        await app.Host.WaitForOutputAsync($"Queue message {sent.Value.MessageId} refused on delivery 5 of 5", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(marker, app.Host.Output, StringComparison.Ordinal);
    }

    private async Task<QueueClient> QueueAsync(string name)
    {
        var queue = new QueueClient(app.Services.Storage.ConnectionString, name);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
