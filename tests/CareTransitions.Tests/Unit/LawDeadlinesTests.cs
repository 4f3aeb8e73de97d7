using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests;

public sealed class LawDeadlinesTests
{
    [Theory]
    [InlineData(23, false)]
    [InlineData(24, false)]
    [InlineData(25, true)]
    public void AdmissionNoticeLate_After24Hours_IsLate(int hoursAfterAdmission, bool late)
    {
        var admitted = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(late, LawDeadlines.AdmissionNoticeLate(admitted, admitted.AddHours(hoursAfterAdmission)));
    }

    [Fact]
    public void SipDue_ReadyForDischarge_IsThreeSwedishCalendarDaysLater() =>
        Assert.Equal(new DateOnly(2026, 11, 26), LawDeadlines.SipDue(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("", false)]
    [InlineData("PalliativeCare", false)]
    [InlineData("HomeCare", true)]
    [InlineData("AssistiveDevices,PalliativeCare", true)]
    public void SipRequired_MunicipalNeeds_RequireASip(string needs, bool expected) =>
        Assert.Equal(expected, LawDeadlines.SipRequired(needs.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Need>)));
}

public sealed class OfficeHoursTests
{
    private static readonly OfficeHours Weekdays = new(
        "Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(17, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    [Theory]
    [InlineData("2026-11-23T07:00:00Z", true)] // Monday 08:00 in Stockholm (winter)
    [InlineData("2026-11-23T06:59:00Z", false)]
    [InlineData("2026-11-23T15:59:00Z", true)] // 16:59
    [InlineData("2026-11-23T16:00:00Z", false)] // 17:00
    [InlineData("2026-11-22T10:00:00Z", false)] // Sunday
    [InlineData("2026-06-15T06:30:00Z", true)] // Monday 08:30 in summer time (UTC+2)
    [InlineData("2026-06-15T05:30:00Z", false)] // 07:30 summer time
    [InlineData("2026-12-24T09:00:00Z", false)] // Thursday, julafton
    [InlineData("2026-04-03T09:00:00Z", false)] // långfredagen 2026
    [InlineData("2026-06-19T09:00:00Z", false)] // midsommarafton 2026
    public void IsOpen_InstantInUtc_JudgesSwedishLocalTime(string instant, bool expected) =>
        Assert.Equal(expected, Weekdays.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed class SwedishHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void EasterSunday_Year_IsTheGregorianEaster(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SwedishHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2026-05-14", true)] // Kristi himmelsfärds dag
    [InlineData("2026-04-06", true)] // annandag påsk
    [InlineData("2026-06-06", true)]
    [InlineData("2026-06-18", false)]
    [InlineData("2026-11-23", false)]
    public void IsHoliday_Date_KnowsTheSwedishHolidays(string date, bool expected) =>
        Assert.Equal(expected, SwedishHolidays.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
}
