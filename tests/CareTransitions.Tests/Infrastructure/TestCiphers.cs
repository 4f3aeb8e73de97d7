using System.Security.Cryptography;
using CareTransitions.Handover;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>Personal-data ciphers with fresh random keys, as configuration would give them.</summary>
internal static class TestCiphers
{
    public static PersonalDataCipher New(string keyId = "k1") => new(new Dictionary<string, byte[]> { [keyId] = RandomNumberGenerator.GetBytes(32) }, keyId);
}
