using CareTransitions.Intake;
using CareTransitions.Privacy;

namespace CareTransitions.Tests.UnitTests;

public sealed class PrivacyTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Pseudonymize_SameNumberAndKey_IsStableAndKeyed()
    {
        var pseudonym = new PatientPseudonymizer(Key).Pseudonymize("191212121212");

        Assert.Equal(pseudonym, new PatientPseudonymizer(Key).Pseudonymize("191212121212"));
        Assert.NotEqual(pseudonym, new PatientPseudonymizer([.. Key.Reverse()]).Pseudonymize("191212121212"));
        Assert.NotEqual(pseudonym, new PatientPseudonymizer(Key).Pseudonymize("191212721219"));
        Assert.Matches("^[0-9a-f]{64}$", pseudonym);
    }

    [Fact]
    public void Constructor_ShortKey_Throws() => Assert.Throws<InvalidOperationException>(() => new PatientPseudonymizer(new byte[16]));

    [Fact]
    public void For_SameSenderAndEpisode_IsTheSameIdAndRevealsNeitherPart()
    {
        var id = TransitionIds.For("SE2321000131-E000000012345", "EP-1");

        Assert.Equal(id, TransitionIds.For("SE2321000131-E000000099999", "EP-1"));
        Assert.NotEqual(id, TransitionIds.For("SE2321000132-E000000012345", "EP-1"));
        Assert.Matches("^ct-[0-9a-f]{32}$", id);
    }
}
