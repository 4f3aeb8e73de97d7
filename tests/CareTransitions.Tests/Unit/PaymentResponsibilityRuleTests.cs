using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests;

public sealed class PaymentResponsibilityRuleTests
{
    // Monday 23 November 2026, Swedish winter time (UTC+1).
    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(23, 10, "2026-11-26")]
    [InlineData(23, 23, "2026-11-26")]
    public void FirstPayingDay_Default3Days_IsThreeCalendarDaysAfterTheNotice(int day, int hour, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PaymentResponsibilityRule.Default3Days.FirstPayingDay(Local(day, hour), CareType.Somatic));

    [Theory]
    [InlineData(11, 59, "Somatic", "2026-11-25")]
    [InlineData(12, 0, "Somatic", "2026-11-26")]
    [InlineData(9, 0, "Psychiatric", "2026-11-28")]
    [InlineData(15, 0, "Psychiatric", "2026-11-29")]
    public void FirstPayingDay_Stockholm_CountsDayZeroOnlyBeforeNoon(int hour, int minute, string careType, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PaymentResponsibilityRule.Stockholm.FirstPayingDay(Local(23, hour, minute), Enum.Parse<CareType>(careType)));

    [Fact]
    public void FirstPayingDay_NoticeLateInTheUtcDay_UsesTheSwedishCalendarDate()
    {
        // 23:30 UTC on the 22nd is 00:30 on the 23rd in Stockholm.
        var notice = new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 26), PaymentResponsibilityRule.Default3Days.FirstPayingDay(notice, CareType.Somatic));
    }

    [Theory]
    [InlineData(25, 0)]
    [InlineData(26, 0)]
    [InlineData(27, 1)]
    [InlineData(30, 4)]
    public void PaymentDays_Default3Days_CountsDaysBeforeDischargeFromTheFirstPayingDay(int dischargeDay, int expected)
    {
        var periods = new[] { new ReadyPeriod(Local(23, 10), Local(dischargeDay, 14)) };
        Assert.Equal(expected, PaymentResponsibilityRule.Default3Days.PaymentDays(periods, CareType.Somatic, admissionNoticeSent: true));
    }

    [Fact]
    public void PaymentDays_WithdrawnAndReadyAgain_CountsEachPeriodFromItsOwnNotice()
    {
        var periods = new[]
        {
            new ReadyPeriod(Local(2, 10), Local(8, 10)), // 5 Nov first paying → 3 days (5, 6, 7)
            new ReadyPeriod(Local(10, 10), Local(12, 10)), // 13 Nov first paying → 0 days
        };
        Assert.Equal(3, PaymentResponsibilityRule.Default3Days.PaymentDays(periods, CareType.Somatic, admissionNoticeSent: true));
        Assert.Equal(8, PaymentResponsibilityRule.DaysReadyForDischarge(periods));
    }

    [Fact]
    public void PaymentDays_NoAdmissionNotice_IsZeroBecauseTheLawRequiresBothNotices()
    {
        var periods = new[] { new ReadyPeriod(Local(2, 10), Local(20, 10)) };
        Assert.Equal(0, PaymentResponsibilityRule.Default3Days.PaymentDays(periods, CareType.Somatic, admissionNoticeSent: false));
    }

    [Fact]
    public void PaymentDays_OpenPeriod_IsNotCountedYet()
    {
        var periods = new[] { new ReadyPeriod(Local(2, 10), null) };
        Assert.Equal(0, PaymentResponsibilityRule.Default3Days.PaymentDays(periods, CareType.Somatic, admissionNoticeSent: true));
        Assert.Equal(0, PaymentResponsibilityRule.DaysReadyForDischarge(periods));
    }

    [Fact]
    public void For_MunicipalityWithAgreement_UsesItsRuleAndOthersTheDefault()
    {
        var options = new Configuration.WorkflowOptions { PaymentRuleByMunicipality = { ["0181"] = "Stockholm", ["0980"] = "Gotland" } };
        options.PaymentRules["Gotland"] = new PaymentResponsibilityRule("ignored", 4, 6);
        var catalog = new PaymentRuleCatalog(options);

        Assert.Same(PaymentResponsibilityRule.Stockholm, catalog.For("0181"));
        Assert.Same(PaymentResponsibilityRule.Default3Days, catalog.For("1480"));
        Assert.Equal(new PaymentResponsibilityRule("Gotland", 4, 6), catalog.For("0980"));
    }
}
