using Microsoft.Extensions.Options;

namespace Platform.Storage;

/// <summary>
/// <c>Storage:*</c>, <c>ConnectionStrings:Postgres</c> and <c>Statistics:*</c>, checked at start with every other
/// setting: a known provider, and on PostgreSQL a connection string Npgsql can read (never echoed).
/// </summary>
public sealed class StorageTopologyValidator : IValidateOptions<StorageTopology>
{
    /// <summary>The topology's own problems, one line each.</summary>
    public ValidateOptionsResult Validate(string? name, StorageTopology options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
    }
}
