using Microsoft.Extensions.Options;

namespace Platform.Configuration;

/// <summary>
/// The problems one validator found, each a single line an operator can act on: the key, the bad value (never a
/// secret's) and how to fix it.
/// </summary>
public sealed class SettingProblems
{
    private readonly List<string> lines = [];

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines => this.lines;

    /// <summary>A value that is set but wrong.</summary>
    public void Bad(string key, object? value, string fix) => this.lines.Add($"{key}={Quote(value)} {fix}");

    /// <summary>A value that is required but not set.</summary>
    public void Missing(string key, string fix) => this.lines.Add($"{key} is not set: {fix}");

    /// <summary>A secret that is set but unusable; its value stays out of the line.</summary>
    public void BadSecret(string key, string problem, string fix) => this.lines.Add($"{key} (secret, value not shown) {problem}: {fix}");

    /// <summary>Lines found elsewhere (values read before validation), in front of this validator's own.</summary>
    public void AddRange(IEnumerable<string> found) => this.lines.AddRange(found);

    /// <summary>Success without lines, else a failure with every line.</summary>
    public ValidateOptionsResult ToResult() => this.lines.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(this.lines);

    private static string Quote(object? value) => value switch
    {
        null => "(empty)",
        string s when s.Length == 0 => "(empty)",
        IFormattable f => $"'{f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}'",
        _ => $"'{value}'",
    };
}
