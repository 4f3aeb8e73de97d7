using CareTransitions.Privacy;

namespace CareTransitions.Tests.UnitTests;

public sealed class PersonalIdentityNumberTests
{
    [Theory]
    [InlineData("19121212-1212", "191212121212")]
    [InlineData("191212121212", "191212121212")]
    [InlineData(" 19121212-1212 ", "191212121212")]
    [InlineData("19121272-1219", "191212721219")] // samordningsnummer: day + 60
    public void TryNormalize_ValidNumber_ReturnsTwelveDigits(string input, string expected)
    {
        Assert.True(PersonalIdentityNumber.TryNormalize(input, out var digits, out var error));
        Assert.Equal(expected, digits);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("19121212-1213", "check digit")]
    [InlineData("121212-1212", "12 digits")]
    [InlineData("1912121-21212", "12 digits")]
    [InlineData("19121312-1212", "date of birth")]
    [InlineData("19120230-1212", "date of birth")]
    [InlineData("abcdefghijkl", "12 digits")]
    [InlineData(null, "12 digits")]
    public void TryNormalize_InvalidNumber_SaysWhyWithoutEchoingIt(string? input, string reason)
    {
        Assert.False(PersonalIdentityNumber.TryNormalize(input, out var digits, out var error));
        Assert.Empty(digits);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("1212", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8112189876", true)]
    [InlineData("8112189875", false)]
    public void LuhnIsValid_TenDigits_ChecksTheLastDigit(string tenDigits, bool expected) =>
        Assert.Equal(expected, PersonalIdentityNumber.LuhnIsValid(tenDigits));
}
