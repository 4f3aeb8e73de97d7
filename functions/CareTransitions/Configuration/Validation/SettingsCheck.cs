using System.Reflection;
using Microsoft.Extensions.Options;

namespace CareTransitions.Configuration.Validation;

/// <summary>
/// Every setting checked at once, before anything runs: each options class that has an <see cref="IValidateOptions{TOptions}"/>
/// (this library's, the dashboard's, the durable backend's, the platform's) is built and validated, and every problem of every class is
/// collected, a value the binder cannot convert (a time span that is not one) included. The host calls
/// <see cref="SettingsCheckExtensions.CheckSettings"/> right after building; <c>ValidateOnStart</c> stays on each class
/// for a host that does not.
/// </summary>
internal sealed class SettingsCheck(IServiceCollection registrations)
{
    private static readonly MethodInfo BuildOne = typeof(SettingsCheck).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!;

    public IReadOnlyList<string> Run(IServiceProvider services)
    {
        var problems = UnresolvedKeyVaultReferences(services.GetRequiredService<IConfiguration>()).ToList();
        foreach (var options in this.ValidatedOptionsTypes())
        {
            try
            {
                BuildOne.MakeGenericMethod(options).Invoke(null, [services]);
            }
            catch (TargetInvocationException e) when (e.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException unconvertible && IsBinderFailure(unconvertible))
            {
                // "Failed to convert configuration value '…' at 'Workflow:ReminderAfter' to type 'System.TimeSpan'."
                problems.Add($"{unconvertible.Message} Write it as that type, e.g. a time span as 04:00:00 or 1.00:00:00.");
            }
        }

        return problems;
    }

    /// <summary>
    /// App Service passes a Key Vault reference it could not resolve through as its own text; for Intake:ApiKey that
    /// text would be accepted as the key, so the start stops naming the setting (never its value).
    /// </summary>
    internal static IEnumerable<string> UnresolvedKeyVaultReferences(IConfiguration configuration) => configuration.AsEnumerable()
        .Where(setting => setting.Value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
        .Select(setting => setting.Key)
        .Order(StringComparer.Ordinal)
        .Select(key => $"{key} is an unresolved Key Vault reference: give the app's identity 'Key Vault Secrets User' on the vault, check the secret's name, and see the reference's status under the app's Environment variables.");

    private static void Build<TOptions>(IServiceProvider services)
        where TOptions : class => _ = services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Options.DefaultName);

    private static bool IsBinderFailure(InvalidOperationException e) =>
        e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    // Ours only: the framework's own options (Kestrel, hosting) are checked where the framework uses them.
    private IEnumerable<Type> ValidatedOptionsTypes() => registrations
        .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
        .Select(d => d.ServiceType.GenericTypeArguments[0])
        .Where(t => t.Assembly.GetName().Name is "CareTransitions" or "Dashboard" or "Durable.Backend" or "Platform" || t.Namespace?.StartsWith("CareTransitions", StringComparison.Ordinal) == true)
        .Distinct()
        .OrderBy(t => t.FullName, StringComparer.Ordinal);
}

/// <summary>Settings that cannot be used: one line per problem, each naming the key and the fix.</summary>
public sealed class InvalidSettingsException(IReadOnlyList<string> problems)
    : Platform.Hosting.StartRefusedException(Platform.Hosting.ExitCodes.Settings, $"{problems.Count} setting(s) cannot be used: {string.Join(" | ", problems)}")
{
    /// <summary>One line per problem: the key, the bad value (never a secret's) and how to fix it.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <inheritdoc />
    public override IReadOnlyList<string> Lines => this.Problems;
}

/// <summary>How a host checks every setting right after it is built.</summary>
public static class SettingsCheckExtensions
{
    /// <summary>
    /// The process exit code of a start refused for its settings (beside 2, a durable store it cannot open, and 3, a
    /// store it cannot reach or use as configured).
    /// </summary>
    public const int ExitCode = Platform.Hosting.ExitCodes.Settings;

    /// <summary>Builds and validates every setting; throws with all problems at once.</summary>
    /// <exception cref="InvalidSettingsException">At least one setting is missing or wrong.</exception>
    public static void CheckSettings(this IServiceProvider services)
    {
        var problems = services.GetRequiredService<SettingsCheck>().Run(services);
        if (problems.Count > 0)
        {
            throw new InvalidSettingsException(problems);
        }
    }
}
