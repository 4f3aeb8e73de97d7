using CareTransitions.Configuration;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace CareTransitions.Intake;

/// <summary>The Storage queue the standalone service reads (<c>Intake:Queue:*</c>); unconfigured, nothing reads it.</summary>
internal sealed class StorageQueueIntakeOptions
{
    public const string Section = "Intake:Queue";

    public string? ConnectionString { get; set; }

    public string Name { get; set; } = QueueMessageIntake.QueueName;

    /// <summary>Deliveries before a refused message goes to <c>{Name}-poison</c>; host.json's <c>queues.maxDequeueCount</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a received message stays invisible; after a failure it comes back once this has passed.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The standalone host's reader of the Storage queue <c>transitions-intake</c>: each message goes to
/// <see cref="QueueMessageIntake"/> exactly as the Functions queue trigger hands it over (the body as text,
/// the queue's id and dequeue count). Accepted → deleted. Failed → left, so it is visible again after the
/// visibility timeout and retried; failed on delivery <see cref="StorageQueueIntakeOptions.MaxDequeueCount"/>
/// → moved to <c>{Name}-poison</c> (the intake has logged and audited that last refusal, as on Functions).
/// An empty queue doubles the pause from the minimum up to the maximum.
/// </summary>
internal sealed partial class StorageQueueListener(
    IServiceScopeFactory scopes, IOptions<StorageQueueIntakeOptions> options, ILogger<StorageQueueListener> logger) : BackgroundService
{
    private readonly StorageQueueIntakeOptions options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = new QueueClient(this.options.ConnectionString, this.options.Name);
        var poison = new QueueClient(this.options.ConnectionString, this.options.Name + "-poison");
        var ready = false;
        var pause = this.options.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool received;
            try
            {
                if (!ready)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    ready = true;
                }
                received = await this.ReceiveOnceAsync(queue, poison, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The queue itself is unreachable: try again after the longest pause, never stop the service.
                logger.StorageQueueUnavailable(this.options.Name, e);
                received = false;
                pause = this.options.MaxPollingInterval;
            }

            if (received)
            {
                pause = this.options.MinPollingInterval;
                continue;
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, this.options.MaxPollingInterval.Ticks));
        }
    }

    /// <summary>Receives and handles one message; false when the queue was empty.</summary>
    private async Task<bool> ReceiveOnceAsync(QueueClient queue, QueueClient poison, CancellationToken cancellationToken)
    {
        QueueMessage? message;
        // An empty poll every few seconds is not worth a trace; a message gets its own span below.
        using (OpenTelemetry.SuppressInstrumentationScope.Begin())
        {
            message = (await queue.ReceiveMessageAsync(this.options.VisibilityTimeout, cancellationToken)).Value;
        }

        if (message is null)
        {
            return false;
        }

        using var span = Telemetry.WorkflowSpans.StartQueueMessage(queue.Name, message.MessageId, message.DequeueCount);

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<QueueMessageIntake>();
            await intake.HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, this.options.MaxDequeueCount, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Telemetry.WorkflowSpans.Failed(span, e);
            if (e is not QueueMessageRefusedException)
            {
                logger.QueueMessageFailed(message.MessageId, message.DequeueCount, e);
            }
            if (message.DequeueCount >= this.options.MaxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                logger.QueueMessagePoisoned(message.MessageId, message.DequeueCount, poison.Name);
            }
            // Otherwise left on the queue: visible again after the visibility timeout, and retried.
            return true;
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        return true;
    }
}

/// <summary>The standalone host's opt-in to the intake queue.</summary>
public static class StorageQueueIntakeExtensions
{
    /// <summary>Reads the Storage queue of <c>Intake:Queue:ConnectionString</c> into the intake; does nothing when that is not set.</summary>
    public static IServiceCollection AddStorageQueueIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageQueueIntakeOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(StorageQueueIntakeOptions.ConnectionString)]))
        {
            return services;
        }
        services.AddValidatedOptions<StorageQueueIntakeOptions, StorageQueueIntakeOptionsValidator>(section);
        services.AddHostedService<StorageQueueListener>();
        return services;
    }
}
