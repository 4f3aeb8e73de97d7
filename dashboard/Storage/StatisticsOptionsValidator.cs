using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary><c>Statistics:*</c>, checked at start: a known store, its connection string, readable daily amounts, a role to require.</summary>
internal sealed class StatisticsOptionsValidator : IValidateOptions<StatisticsOptions>
{
    public ValidateOptionsResult Validate(string? name, StatisticsOptions options)
    {
        var problems = new List<string>(options.Unreadable);
        switch (options.Provider.Trim().ToUpperInvariant())
        {
            case "" or "SQLITE":
                break;
            case "POSTGRES" or "POSTGRESQL":
                if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
                {
                    problems.Add("Statistics:PostgresConnectionString is not set: Statistics:Provider is Postgres; give it, or leave both unset to follow Storage:Provider and ConnectionStrings:Postgres.");
                }
                break;
            default:
                problems.Add($"Statistics:Provider='{options.Provider}' is not a store: use Sqlite (the default) or Postgres, or leave it unset to follow Storage:Provider.");
                break;
        }

        foreach (var (year, amount) in options.DailyAmounts.Where(a => a.Value <= 0))
        {
            problems.Add($"Statistics:DailyAmounts:{year}='{amount}' must be an amount in kronor above zero, e.g. Statistics:DailyAmounts:2022=9300.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
