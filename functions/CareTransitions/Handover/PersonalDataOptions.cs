using Platform.Configuration;
using Microsoft.Extensions.Options;

namespace CareTransitions.Handover;

/// <summary>
/// Section <c>PersonalData</c>: the keys that seal the patient's identity, the ward's planning and the conversation at rest
/// (AES-256-GCM). <c>Keys:{id}</c> holds base64 of 32 random bytes (from the environment or a Key Vault reference);
/// <c>CurrentKeyId</c> names the one new records are sealed with. Without keys, one is derived from
/// <c>Privacy:PseudonymKey</c> under the id <see cref="DerivedKeyId"/>, so a deployment upgraded without the section
/// still starts; adding keys later and running the rotation command moves every record onto them.
/// </summary>
internal sealed class PersonalDataOptions
{
    public const string SectionName = "PersonalData";

    /// <summary>The id of the key derived from the pseudonym key when no key is configured.</summary>
    public const string DerivedKeyId = "derived-1";

    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key new records are sealed with; may be left out when only one key is configured.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>How long a finished transition's personal data is kept: as its engine history (30 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Every key 32 bytes of base64 under a short id, the current one among them, a retention above zero.</summary>
internal sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    private const string Fix = "give base64 of 32 random bytes, e.g. the output of `openssl rand -base64 32`";

    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        var problems = new SettingProblems();
        foreach (var (id, value) in options.Keys)
        {
            if (!PersonalDataCipher.IsValidKeyId(id))
            {
                problems.AddRange([$"PersonalData:Keys:{id} has an id that is not 1–32 letters, digits, '-' or '_': name the key e.g. k2026-12."]);
            }
            else if (PersonalDataCipher.KeyBytes(value) is not { Length: 32 })
            {
                problems.BadSecret($"PersonalData:Keys:{id}", "is not base64 of 32 bytes", Fix + ".");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.CurrentKeyId) && !options.Keys.ContainsKey(options.CurrentKeyId))
        {
            problems.AddRange([$"PersonalData:CurrentKeyId='{options.CurrentKeyId}' names no key under PersonalData:Keys: add that key, or name one of {Listed(options)}."]);
        }
        else if (string.IsNullOrWhiteSpace(options.CurrentKeyId) && options.Keys.Count > 1)
        {
            problems.AddRange([$"PersonalData:CurrentKeyId is required when several keys are configured: name the newest of {Listed(options)}."]);
        }

        if (options.Retention <= TimeSpan.Zero)
        {
            problems.AddRange([$"PersonalData:Retention='{options.Retention}' must be longer than zero, e.g. 30.00:00:00."]);
        }

        return problems.ToResult();
    }

    private static string Listed(PersonalDataOptions options) =>
        options.Keys.Count == 0 ? "(none configured)" : string.Join(", ", options.Keys.Keys.Order(StringComparer.Ordinal));
}
