using System.Security.Cryptography;
using System.Text;
using CareTransitions.Handover;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CareTransitions.Tests.UnitTests.Handover;

public sealed class PersonalDataCipherTests
{
    [Fact]
    public void Seal_ThenOpen_GivesTheTextBackAndNamesTheKey()
    {
        var cipher = TestCiphers.New("k2026");

        var sealedData = cipher.Seal("handover", "ct-1", "Tolvan Tolvansson");

        Assert.Equal("k2026", sealedData.KeyId);
        Assert.Equal(-1, Encoding.UTF8.GetString(sealedData.Bytes).IndexOf("Tolvan", StringComparison.Ordinal));
        Assert.Equal("Tolvan Tolvansson", cipher.Open("handover", "ct-1", sealedData));
    }

    [Fact]
    public void Seal_TheSameTextTwice_GivesDifferentBytes()
    {
        var cipher = TestCiphers.New();

        Assert.NotEqual(cipher.Seal("handover", "ct-1", "x").Bytes, cipher.Seal("handover", "ct-1", "x").Bytes);
    }

    [Theory]
    [InlineData("handover", "ct-2")]
    [InlineData("message", "ct-1")]
    public void Open_ARecordMovedToAnotherTransitionOrKind_Fails(string kind, string transitionId)
    {
        var cipher = TestCiphers.New();
        var sealedData = cipher.Seal("handover", "ct-1", "Tolvan");

        Assert.ThrowsAny<CryptographicException>(() => cipher.Open(kind, transitionId, sealedData));
    }

    [Fact]
    public void Open_UnderAKeyNoLongerConfigured_SaysWhichKey()
    {
        var sealedData = TestCiphers.New("old").Seal("handover", "ct-1", "Tolvan");

        var refused = Assert.ThrowsAny<CryptographicException>(() => TestCiphers.New("new").Open("handover", "ct-1", sealedData));

        Assert.Contains("'old'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithTwoKeys_SealsUnderTheCurrentAndOpensBoth()
    {
        var pseudonymizer = new CareTransitions.Privacy.PatientPseudonymizer(RandomNumberGenerator.GetBytes(32));
        var k1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var k2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var before = PersonalDataCipher.Create(Options.Create(new PersonalDataOptions { Keys = { ["k1"] = k1 } }), pseudonymizer);
        var old = before.Seal("handover", "ct-1", "Tolvan");

        var after = PersonalDataCipher.Create(Options.Create(new PersonalDataOptions { Keys = { ["k1"] = k1, ["k2"] = k2 }, CurrentKeyId = "k2" }), pseudonymizer);

        Assert.Equal("k2", after.Seal("handover", "ct-1", "x").KeyId);
        Assert.Equal("Tolvan", after.Open("handover", "ct-1", old));
    }

    [Fact]
    public void Create_WithoutKeys_DerivesOneFromThePseudonymKeyThatLaterConfigurationStillOpens()
    {
        var pseudonymizer = new CareTransitions.Privacy.PatientPseudonymizer(RandomNumberGenerator.GetBytes(32));
        var derived = PersonalDataCipher.Create(Options.Create(new PersonalDataOptions()), pseudonymizer);
        var old = derived.Seal("handover", "ct-1", "Tolvan");

        var configured = PersonalDataCipher.Create(
            Options.Create(new PersonalDataOptions { Keys = { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } }), pseudonymizer);

        Assert.Equal(PersonalDataOptions.DerivedKeyId, old.KeyId);
        Assert.Equal("k1", configured.CurrentKeyId);
        Assert.Equal("Tolvan", configured.Open("handover", "ct-1", old));
    }

    [Theory]
    [InlineData("k1", "c2hvcnQ=", null, "PersonalData:Keys:k1 (secret, value not shown) is not base64 of 32 bytes")]
    [InlineData("k 1", null, null, "PersonalData:Keys:k 1 has an id that is not")]
    [InlineData("k1", null, "k9", "PersonalData:CurrentKeyId='k9' names no key under PersonalData:Keys")]
    public void Validator_NamesTheKeyAndTheFix(string id, string? value, string? current, string expected)
    {
        var options = new PersonalDataOptions { Keys = { [id] = value ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, CurrentKeyId = current };

        var result = new PersonalDataOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
