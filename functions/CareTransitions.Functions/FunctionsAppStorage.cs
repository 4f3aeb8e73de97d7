using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Storage;

namespace CareTransitions.Functions;

/// <summary>
/// Where the app's data may live on Azure Functions: PostgreSQL (<c>Storage__Provider=Postgres</c>,
/// <c>ConnectionStrings__Postgres</c>), never SQLite outside Development: instances do not share a local disk, and
/// SQLite's WAL does not work on the SMB share a Functions app could mount. Checked at start with every other setting,
/// on the storage topology the standalone service reads the same way.
/// </summary>
internal sealed class FunctionsAppStorage(IHostEnvironment environment) : IValidateOptions<StorageTopology>
{
    // An unknown provider is the topology's own problem, already one line.
    public ValidateOptionsResult Validate(string? name, StorageTopology options) =>
        !environment.IsDevelopment() && !options.App.IsPostgres && options.App.Problems.Count == 0
            ? ValidateOptionsResult.Fail(
                $"Storage:Provider='{options.App.Provider}' cannot be used by the Functions app outside Development: set Storage__Provider=Postgres and ConnectionStrings__Postgres (SQLite is for Development only).")
            : ValidateOptionsResult.Success;
}

internal static class FunctionsAppStorageExtensions
{
    /// <summary>The app's Program adds it; its tests' stand-in host keeps SQLite in a temporary folder and leaves it out.</summary>
    public static IServiceCollection AddPostgresOutsideDevelopmentRule(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageTopology>, FunctionsAppStorage>());
        return services;
    }
}
