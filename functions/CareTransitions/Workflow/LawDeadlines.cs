namespace CareTransitions.Workflow;

/// <summary>The deadlines of Lag (2017:612), as pure functions.</summary>
internal static class LawDeadlines
{
    /// <summary>The admission notice (inskrivningsmeddelande) is due within 24 hours of admission.</summary>
    public static readonly TimeSpan AdmissionNoticeWithin = TimeSpan.FromHours(24);

    /// <summary>The SIP meeting is called within 3 days of the ready-for-discharge notice.</summary>
    public const int SipWithinDays = 3;

    public static DateTimeOffset AdmissionNoticeDue(DateTimeOffset admittedAt) => admittedAt + AdmissionNoticeWithin;

    public static bool AdmissionNoticeLate(DateTimeOffset admittedAt, DateTimeOffset noticeSentAt) =>
        noticeSentAt > AdmissionNoticeDue(admittedAt);

    /// <summary>The last local calendar day on which the SIP meeting may be called.</summary>
    public static DateOnly SipDue(DateTimeOffset readyForDischargeAt) => SwedishTime.Date(readyForDischargeAt).AddDays(SipWithinDays);

    /// <summary>A SIP is needed when the municipality must provide care or rehab and the region is involved too.</summary>
    public static bool SipRequired(IEnumerable<Need> needs) =>
        needs.Any(n => n is Need.HomeCare or Need.HomeHealthCare or Need.Rehabilitation or Need.AssistiveDevices);
}
