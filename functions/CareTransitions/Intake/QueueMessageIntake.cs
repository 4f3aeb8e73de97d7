using System.Text.Json;
using CareTransitions.Audit;

namespace CareTransitions.Intake;

/// <summary>A queue message intake refused; thrown so the queue's host retries it and finally moves it to the poison queue.</summary>
internal sealed class QueueMessageRefusedException(string message) : Exception(message);

/// <summary>
/// One message from the Storage queue <c>transitions-intake</c> as the Functions queue trigger hands it over
/// (the intake JSON itself, no envelope), through <see cref="IntakeHandler"/> like the HTTP trigger.
/// A refusal throws: the host retries up to host.json's <c>queues.maxDequeueCount</c> and then moves the
/// message to <c>transitions-intake-poison</c>, never a silent drop. The last refusal is logged and audited.
/// </summary>
internal sealed partial class QueueMessageIntake(IntakeHandler handler, AuditLog audit, ILogger<QueueMessageIntake> logger)
{
    public const string QueueName = "transitions-intake";

    public async Task<string> HandleAsync(string message, string queueMessageId, long dequeueCount, int maxDequeueCount, CancellationToken cancellationToken)
    {
        IntakeOutcome outcome;
        try
        {
            using var body = JsonDocument.Parse(message);
            // The queue carries no key: whoever may write to it may send for any ward.
            outcome = await handler.HandleAsync(body.RootElement, "queue", Sender.Any, cancellationToken);
        }
        catch (JsonException)
        {
            outcome = new IntakeOutcome.Invalid(new Dictionary<string, string[]> { ["body"] = ["The message is not valid JSON."] });
        }

        if (outcome is IntakeOutcome.Accepted accepted)
        {
            return accepted.TransitionId;
        }

        // Never the message itself: it holds a personnummer. The kind of refusal and the queue's id say enough.
        var reason = outcome switch
        {
            IntakeOutcome.Invalid invalid => $"invalid fields: {string.Join(", ", invalid.Errors.Keys)}",
            IntakeOutcome.UnknownMunicipality unknown => $"unknown municipality {unknown.Code}",
            IntakeOutcome.Conflict conflict => conflict.Detail,
            _ => outcome.GetType().Name,
        };
        logger.QueueMessageRefused(queueMessageId, dequeueCount, maxDequeueCount, reason);
        if (dequeueCount >= maxDequeueCount)
        {
            await audit.RecordAsync("queue:" + QueueName, AuditActions.QueueMessageRefused, null, detail: $"message {queueMessageId} to the poison queue: {reason}", cancellationToken: cancellationToken);
        }

        throw new QueueMessageRefusedException($"Queue message {queueMessageId} refused ({reason}).");
    }
}
