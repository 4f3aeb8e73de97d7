using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace CareTransitions.Intake;

/// <summary><c>Intake:Queue:*</c> when the queue is read: a queue name Azure accepts, retries, and pauses in order.</summary>
internal sealed partial class StorageQueueIntakeOptionsValidator : IValidateOptions<StorageQueueIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageQueueIntakeOptions options)
    {
        var problems = new SettingProblems();
        if (!QueueName().IsMatch(options.Name ?? string.Empty))
        {
            problems.Bad("Intake:Queue:Name", options.Name, $"is not a queue name: 3–63 lowercase letters, digits and single hyphens, e.g. {QueueMessageIntake.QueueName}.");
        }

        if (options.MaxDequeueCount < 1)
        {
            problems.Bad("Intake:Queue:MaxDequeueCount", options.MaxDequeueCount, "must be at least 1, e.g. 5 (as host.json's queues.maxDequeueCount).");
        }

        if (options.VisibilityTimeout <= TimeSpan.Zero)
        {
            problems.Bad("Intake:Queue:VisibilityTimeout", options.VisibilityTimeout, "must be longer than zero, e.g. 00:00:30.");
        }

        if (options.MinPollingInterval <= TimeSpan.Zero || options.MinPollingInterval > options.MaxPollingInterval)
        {
            problems.Bad("Intake:Queue:MinPollingInterval", options.MinPollingInterval, $"must be longer than zero and no longer than Intake:Queue:MaxPollingInterval ({options.MaxPollingInterval}), e.g. 00:00:00.200 and 00:00:05.");
        }

        return problems.ToResult();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex QueueName();
}
