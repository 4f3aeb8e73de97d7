using CareTransitions.Reports;
using Dashboard.Reports;

namespace CareTransitions.Tests.UnitTests;

public sealed class MonthlyReportScheduleTests
{
    [Theory]
    [InlineData(2026, 12, "2026-12-01")] // a Tuesday
    [InlineData(2027, 1, "2027-01-04")] // New Year's Day on a Friday, then the weekend
    [InlineData(2026, 5, "2026-05-04")] // 1 May on a Friday
    [InlineData(2024, 4, "2024-04-02")] // Easter Monday 1 April
    [InlineData(2026, 8, "2026-08-03")] // Saturday the 1st
    [InlineData(2021, 1, "2021-01-04")] // 1 January Friday; Epiphany (6 Jan) is later
    public void FirstWorkingDay_WeekendsAndPublicHolidays_AreSkipped(int year, int month, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), MonthlyReportSchedule.FirstWorkingDay(year, month));

    [Fact]
    public void DueAt_FollowsStockholmTimeAcrossDaylightSaving()
    {
        // 07:00 CET in winter is 06:00 UTC; 07:00 CEST in spring is 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), MonthlyReportSchedule.DueAt(new ReportMonth(2026, 11)));
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 5, 0, 0, TimeSpan.Zero), MonthlyReportSchedule.DueAt(new ReportMonth(2027, 3)));
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 6, 0, 0, TimeSpan.Zero), MonthlyReportSchedule.DueAt(new ReportMonth(2026, 12)));
    }

    [Theory]
    [InlineData("2026-12-01T05:59:59Z", "2026-11")] // a second before 07:00 on the first working day: November is still to come
    [InlineData("2026-12-01T06:00:00Z", "2026-12")] // at 07:00 November is due, so the next one is December
    [InlineData("2026-11-30T23:30:00Z", "2026-11")] // already 1 December in Stockholm, before 07:00
    [InlineData("2027-01-02T10:00:00Z", "2026-12")] // the weekend after New Year's Day: December waits for Monday
    public void NextDue_IsTheMonthWhoseDueTimeIsStillAhead(string now, string expected) =>
        Assert.Equal(expected, MonthlyReportSchedule.NextDue(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Fact]
    public void DueOn_OnlyTheFirstWorkingDayFromSevenOClock()
    {
        Assert.Equal(new ReportMonth(2026, 11), MonthlyReportSchedule.DueOn(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        Assert.Null(MonthlyReportSchedule.DueOn(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero)));
        Assert.Null(MonthlyReportSchedule.DueOn(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("1999-12")]
    public void TryParse_NotAMonth_IsRefused(string text) => Assert.False(ReportMonth.TryParse(text, out _));
}
