using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareTransitions.Privacy;
using Microsoft.Extensions.Options;

namespace CareTransitions.Handover;

/// <summary>A sealed record as stored: the key's id beside the bytes (format byte, nonce, tag, ciphertext).</summary>
internal sealed record SealedData(string KeyId, byte[] Bytes);

/// <summary>
/// Seals personal data with AES-256-GCM under the current key of <see cref="PersonalDataOptions"/>, and opens it with
/// whichever key its record names. The associated data binds each record to its transition and kind, so a sealed
/// value copied onto another row does not open.
/// </summary>
internal sealed partial class PersonalDataCipher
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> keys;

    public PersonalDataCipher(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        if (!keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"The current key '{currentKeyId}' is not among the keys.", nameof(currentKeyId));
        }

        this.keys = keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        this.CurrentKeyId = currentKeyId;
    }

    /// <summary>The id new records are sealed with; the rotation command moves older records onto it.</summary>
    public string CurrentKeyId { get; }

    public static PersonalDataCipher Create(IOptions<PersonalDataOptions> options, PatientPseudonymizer pseudonymizer)
    {
        var configured = options.Value;
        if (configured.Keys.Count == 0)
        {
            // No keys yet: one derived from the pseudonym key every host has (HKDF), named so records show where they stand.
            return new PersonalDataCipher(
                new Dictionary<string, byte[]> { [PersonalDataOptions.DerivedKeyId] = pseudonymizer.DeriveKey("care-transitions personal data v1") },
                PersonalDataOptions.DerivedKeyId);
        }

        var keys = configured.Keys.ToDictionary(k => k.Key, k => KeyBytes(k.Value)!, StringComparer.Ordinal);
        // Records sealed under the derived key before keys were configured stay readable until rotated.
        keys.TryAdd(PersonalDataOptions.DerivedKeyId, pseudonymizer.DeriveKey("care-transitions personal data v1"));
        return new PersonalDataCipher(keys, string.IsNullOrWhiteSpace(configured.CurrentKeyId) ? configured.Keys.Keys.Single() : configured.CurrentKeyId);
    }

    public static bool IsValidKeyId(string id) => KeyIdPattern().IsMatch(id);

    public static byte[]? KeyBytes(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>Seals <paramref name="plaintext"/> for the record of <paramref name="kind"/> in <paramref name="transitionId"/>.</summary>
    public SealedData Seal(string kind, string transitionId, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[1 + NonceSize + TagSize + data.Length];
        sealedBytes[0] = Format;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(this.keys[this.CurrentKeyId], TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), Associated(kind, transitionId));
        CryptographicOperations.ZeroMemory(data);
        return new SealedData(this.CurrentKeyId, sealedBytes);
    }

    /// <summary>Opens what <see cref="Seal"/> wrote.</summary>
    /// <exception cref="CryptographicException">The key is unknown here, or the record was changed or moved.</exception>
    public string Open(string kind, string transitionId, SealedData sealedData)
    {
        if (!this.keys.TryGetValue(sealedData.KeyId, out var key))
        {
            throw new CryptographicException($"Personal data sealed under key '{sealedData.KeyId}', which is not configured under PersonalData:Keys.");
        }

        var bytes = sealedData.Bytes;
        if (bytes.Length < 1 + NonceSize + TagSize || bytes[0] != Format)
        {
            throw new CryptographicException("Personal data in an unknown format.");
        }

        var plaintext = new byte[bytes.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(bytes.AsSpan(1, NonceSize), bytes.AsSpan(1 + NonceSize + TagSize), bytes.AsSpan(1 + NonceSize, TagSize), plaintext, Associated(kind, transitionId));
        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] Associated(string kind, string transitionId) => Encoding.UTF8.GetBytes($"care-transitions/{kind}/{transitionId}");

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}\z")]
    private static partial Regex KeyIdPattern();
}
