using Microsoft.Extensions.Options;
using Platform.Storage;

namespace Durable.Backend.Hosting;

/// <summary>
/// <c>Durable:*</c>, checked at start: a known store with what it needs, and timings and limits above zero, so that
/// work flows. One line per problem: the key, the value and the fix; a connection string is never echoed.
/// </summary>
internal sealed class DurableBackendOptionsValidator : IValidateOptions<DurableBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableBackendOptions options)
    {
        var problems = new List<string>();
        if (!StorageProviders.TryParse(options.Provider, out var provider))
        {
            problems.Add($"Durable:Provider='{options.Provider}' is not a store: use Sqlite (the default) or Postgres.");
        }
        else if (provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            problems.Add("Durable:DatabasePath is not set: give the durable.db file, e.g. data/durable.db.");
        }
        else if (provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            problems.Add("Durable:PostgresConnectionString is not set: Durable:Provider is Postgres; give it (the service takes ConnectionStrings:Postgres when Storage:Provider is Postgres).");
        }

        Positive(problems, "Durable:MaxConcurrentOrchestrations", options.MaxConcurrentOrchestrations, "e.g. 64");
        Positive(problems, "Durable:MaxConcurrentActivities", options.MaxConcurrentActivities, "e.g. 64");
        Positive(problems, "Durable:MaxDequeueCount", options.MaxDequeueCount, "e.g. 10");
        Positive(problems, "Durable:LeaseDuration", options.LeaseDuration, "e.g. 00:00:30");
        Positive(problems, "Durable:PollingInterval", options.PollingInterval, "e.g. 00:00:01");
        Positive(problems, "Durable:HealthPingInterval", options.HealthPingInterval, "e.g. 00:00:20 (the SDK reconnects after 120 s of silence)");
        if (options.CompletedInstanceRetention is { } retention && retention <= TimeSpan.Zero)
        {
            problems.Add($"Durable:CompletedInstanceRetention='{retention}' must be longer than zero, e.g. 30.00:00:00, or empty to keep finished instances.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Positive(List<string> problems, string key, int value, string example)
    {
        if (value < 1)
        {
            problems.Add($"{key}='{value}' must be at least 1, {example}.");
        }
    }

    private static void Positive(List<string> problems, string key, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{key}='{value}' must be longer than zero, {example}.");
        }
    }
}
