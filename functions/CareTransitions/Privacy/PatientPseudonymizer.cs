using System.Security.Cryptography;
using System.Text;
using CareTransitions.Configuration;
using Microsoft.Extensions.Options;

namespace CareTransitions.Privacy;

/// <summary>
/// Turns a personnummer into a keyed pseudonym (HMAC-SHA256, hex), stable per patient so the statistics
/// can count readmissions, and useless without the key. Config <c>Privacy:PseudonymKey</c>.
/// </summary>
internal sealed class PatientPseudonymizer
{
    private readonly byte[] key;

    public PatientPseudonymizer(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new InvalidOperationException("Privacy:PseudonymKey must be at least 32 bytes (base64).");
        }

        this.key = key;
    }

    public static PatientPseudonymizer Create(IOptions<PrivacyOptions> privacy, StorageTopology storage, IHostEnvironment environment)
    {
        var configured = privacy.Value.PseudonymKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException("Privacy:PseudonymKey is required outside Development.");
            }

            configured = DevelopmentSecrets.GetOrCreate(storage.Directory, "pseudonym.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        return new PatientPseudonymizer(Convert.FromBase64String(configured));
    }

    /// <summary>
    /// A 256-bit key for <paramref name="purpose"/>, derived from the pseudonym key (HKDF-SHA256): the one secret every
    /// host already has, so a further key needs no setting of its own, and no derived key reveals the pseudonym key.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, this.key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>The pseudonym of an already normalized 12-digit personnummer.</summary>
    public string Pseudonymize(string normalizedDigits) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(this.key, Encoding.ASCII.GetBytes(normalizedDigits)));
}

internal static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton(sp => PatientPseudonymizer.Create(
            sp.GetRequiredService<IOptions<PrivacyOptions>>(),
            sp.GetRequiredService<StorageTopology>(),
            sp.GetRequiredService<IHostEnvironment>()));
        // Run by the host: in the background (AddCareTransitions) or from a timer trigger.
        services.AddSingleton<RetentionCleanup>();
        return services;
    }
}
