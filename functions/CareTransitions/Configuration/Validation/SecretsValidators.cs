using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace CareTransitions.Configuration.Validation;

/// <summary>
/// <c>Intake:ApiKey</c>, the key callers of the standalone service's API send. Development invents one when it is unset;
/// elsewhere it is required. (The Functions app does not register this: its host checks its own function keys.)
/// </summary>
internal sealed class IntakeOptionsValidator(IHostEnvironment environment) : IValidateOptions<IntakeOptions>
{
    public const int MinimumKeyLength = 24;

    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && options.Senders.Count == 0 && !environment.IsDevelopment())
        {
            problems.Missing("Intake:ApiKey", $"give the key the regional systems send in x-functions-key, e.g. Intake__ApiKey from a key vault, or each system its own under Intake:Senders (only Development invents one; environment is {environment.EnvironmentName}).");
        }

        if (options.PermitsPerMinute < 1)
        {
            problems.Bad("Intake:PermitsPerMinute", options.PermitsPerMinute, "must be at least 1 message per minute and key, e.g. 3000.");
        }

        foreach (var (senderName, sender) in options.Senders)
        {
            KeyProblem(problems, $"Intake:Senders:{senderName}:Key", sender.Key);
            if (sender.SendsForList.Count == 0)
            {
                problems.Missing($"Intake:Senders:{senderName}:SendsFor", "list the care providers (SE2321000131) or wards (SE2321000131-E000000012345) the system sends for, separated by commas.");
            }
            foreach (var hsaId in sender.SendsForList.Where(h => !Intake.Senders.IsHsaIdOrCareProvider(h)))
            {
                problems.Bad($"Intake:Senders:{senderName}:SendsFor", hsaId, "is not an HSA-id: write a care provider as SE2321000131 or a ward as SE2321000131-E000000012345.");
            }
        }

        return problems.ToResult();
    }

    /// <summary>An API key must be set and long enough to be a secret; its value never appears in the line.</summary>
    internal static void KeyProblem(SettingProblems problems, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Missing(key, $"give a random key of at least {MinimumKeyLength} characters (a secret: from a key vault).");
        }
        else if (value.Trim().Length < MinimumKeyLength)
        {
            problems.BadSecret(key, $"is shorter than {MinimumKeyLength} characters", "use a random key, e.g. openssl rand -base64 32.");
        }
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

/// <summary><c>Coordinators:ApiKeys:{name}</c>: each key long enough to be a secret; <c>Coordinators:Scopes:{name}</c>: each for a key, and well-formed.</summary>
internal sealed class CoordinatorOptionsValidator : IValidateOptions<CoordinatorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorOptions options)
    {
        var problems = new SettingProblems();
        foreach (var (keyName, key) in options.ApiKeys)
        {
            IntakeOptionsValidator.KeyProblem(problems, $"Coordinators:ApiKeys:{keyName}", key);
        }

        foreach (var (keyName, scope) in options.Scopes)
        {
            var entries = Coordinators.CoordinatorScope.Parse(scope);
            if (!options.ApiKeys.ContainsKey(keyName))
            {
                problems.Bad($"Coordinators:Scopes:{keyName}", scope, $"has no key: set Coordinators:ApiKeys:{keyName} too, or remove the scope.");
            }
            else if (entries.Count == 0)
            {
                problems.Bad($"Coordinators:Scopes:{keyName}", scope, "is empty: list municipality codes, HSA-ids or unit ids separated by commas, e.g. 1480,SE2321000131-E000000012345 (or remove it to reach every transition).");
            }
            else if (entries.Where(e => !Coordinators.CoordinatorScope.IsEntry(e)).ToList() is { Count: > 0 } unknown)
            {
                problems.Bad($"Coordinators:Scopes:{keyName}", scope,
                    $"has {string.Join(", ", unknown.Select(u => $"'{u}'"))}: each entry is a municipality code (1480), a ward or care provider HSA-id (SE2321000131-E000000012345) or a unit id (1480-samordning).");
            }
        }

        return problems.ToResult();
    }
}
