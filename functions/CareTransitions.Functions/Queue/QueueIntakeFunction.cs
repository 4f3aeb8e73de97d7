using CareTransitions.Functions.Http;
using CareTransitions.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Queue;

/// <summary>
/// Messages on the Storage queue <c>transitions-intake</c> into the same intake code as POST api/transitions.
/// A refusal throws; the host retries and after host.json's <c>queues.maxDequeueCount</c> moves the message to
/// <c>transitions-intake-poison</c>; the library logs each refusal and audits the last.
/// </summary>
internal static class QueueIntakeFunction
{
    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c>; the test reads host.json to keep the two equal.</summary>
    public const int MaxDequeueCount = 5;

    [Function("TransitionsQueue")]
    public static async Task<string> Run(
        [QueueTrigger(QueueMessageIntake.QueueName)] string message, string id, long dequeueCount,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        return await services.GetRequiredService<QueueMessageIntake>().HandleAsync(message, id, dequeueCount, MaxDequeueCount, function.CancellationToken);
    }
}
