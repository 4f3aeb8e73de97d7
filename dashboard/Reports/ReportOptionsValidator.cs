using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dashboard.Reports;

/// <summary><c>Reports:*</c>, checked at start: recipients when the schedule is on, a trend length, an archive container name.</summary>
internal sealed partial class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var problems = new List<string>(options.Unreadable);
        if (options.Enabled && options.Recipients.Count == 0)
        {
            problems.Add("Reports:Enabled is true but Reports:Recipients is empty: give the steering group's addresses, e.g. Reports:Recipients:0=styrgrupp@kommun.se (or a comma-separated list).");
        }

        foreach (var recipient in options.Recipients.Where(r => !MailAddress.TryCreate(r, out _)))
        {
            problems.Add($"Reports:Recipients='{recipient}' is not an email address: write e.g. styrgrupp@kommun.se.");
        }

        if (options.TrendMonths is < 1 or > 120)
        {
            problems.Add($"Reports:TrendMonths={options.TrendMonths} must be between 1 and 120, e.g. 12.");
        }

        if (!ContainerName().IsMatch(options.BlobContainer))
        {
            problems.Add($"Reports:BlobContainer='{options.BlobContainer}' is not a blob container name: 3–63 lowercase letters, digits and single hyphens, e.g. styrgruppsrapporter.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerName();
}
