using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary><c>Statistics:*</c>, checked at start: readable daily amounts above zero (the store's keys are the storage topology's).</summary>
internal sealed class StatisticsOptionsValidator : IValidateOptions<StatisticsOptions>
{
    public ValidateOptionsResult Validate(string? name, StatisticsOptions options)
    {
        var problems = new List<string>(options.Unreadable);
        foreach (var (year, amount) in options.DailyAmounts.Where(a => a.Value <= 0))
        {
            problems.Add($"Statistics:DailyAmounts:{year}='{amount}' must be an amount in kronor above zero, e.g. Statistics:DailyAmounts:2022=9300.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
