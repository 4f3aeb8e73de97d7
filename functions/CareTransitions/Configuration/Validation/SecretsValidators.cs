using Microsoft.Extensions.Options;

namespace CareTransitions.Configuration.Validation;

/// <summary>
/// <c>Intake:ApiKey</c>, the key callers of the standalone service's API send. Development invents one when it is unset;
/// elsewhere it is required. (The Functions app does not register this: its host checks its own function keys.)
/// </summary>
internal sealed class IntakeOptionsValidator(IHostEnvironment environment) : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && !environment.IsDevelopment())
        {
            problems.Missing("Intake:ApiKey", $"give the key the regional systems send in x-functions-key, e.g. Intake__ApiKey from a key vault (only Development invents one; environment is {environment.EnvironmentName}).");
        }

        return problems.ToResult();
    }
}

/// <summary><c>Privacy:PseudonymKey</c>: base64 of at least 32 bytes; required outside Development, which keeps one in the storage folder.</summary>
internal sealed class PrivacyOptionsValidator(IHostEnvironment environment) : IValidateOptions<PrivacyOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var problems = new SettingProblems();
        const string Fix = "give base64 of at least 32 random bytes, e.g. the output of `openssl rand -base64 32`; keep the same key for as long as the pseudonyms must match";
        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            if (!environment.IsDevelopment())
            {
                problems.Missing("Privacy:PseudonymKey", $"{Fix} (only Development invents one; environment is {environment.EnvironmentName}).");
            }
        }
        else if (KeyBytes(options.PseudonymKey) is not { } bytes)
        {
            problems.BadSecret("Privacy:PseudonymKey", "is not base64", Fix + ".");
        }
        else if (bytes < MinimumKeyBytes)
        {
            problems.BadSecret("Privacy:PseudonymKey", $"is {bytes} bytes, fewer than {MinimumKeyBytes}", Fix + ".");
        }

        return problems.ToResult();
    }

    private static int? KeyBytes(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? written : null;
    }
}
