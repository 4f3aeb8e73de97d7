using CareTransitions.Directory;
using CareTransitions.Workflow;

namespace CareTransitions.Notifications;

/// <summary>Why an email is sent.</summary>
internal enum NotificationKind
{
    /// <summary>The first email to a unit, asking it to acknowledge.</summary>
    Notification,

    /// <summary>Påminnelse: the unit has not acknowledged in time.</summary>
    Reminder,

    /// <summary>Eskalering: sent to the escalation or on-call contact.</summary>
    Escalation,

    /// <summary>A later message of the episode: ready, new date, withdrawal, discharge.</summary>
    Update,

    /// <summary>Påminnelse om SIP: the SIP due day ended and the primary-care unit has not called the meeting.</summary>
    SipReminder,

    /// <summary>Eskalering av SIP: sent to the primary-care unit's escalation or on-call contact.</summary>
    SipEscalation,
}

/// <summary>What an email says about the transition. Never the patient's name or personnummer.</summary>
/// <param name="MessageType">The message the email is about; for several changes together, the last of them.</param>
/// <param name="Changes">Two or more changes told in one update email, in the order they came; otherwise null.</param>
/// <param name="Reference">The transition's short reference, for the subject and the phone (null before references).</param>
/// <param name="NewHandoverInformation">The ward sent a new version of the handover information: the email says so, never what it holds.</param>
internal sealed record NotificationDetails(
    Ward Ward,
    MessageType? MessageType,
    IReadOnlyList<Need> Needs,
    DateOnly? ExpectedDischargeDate,
    DateTimeOffset? ReadyForDischargeAt,
    DateOnly? SipDue,
    string? AssistiveDevicesResponsibility,
    TransitionPhase Phase,
    IReadOnlyList<MessageType>? Changes = null,
    string? Reference = null,
    bool NewHandoverInformation = false);

/// <summary>The NotifyUnit activity's input.</summary>
/// <param name="MessageKey">Distinguishes updates (the episode message's id); empty for the other kinds.</param>
/// <param name="IncludeLink">False once the unit has acknowledged: there is nothing left to click.</param>
internal sealed record NotificationRequest(
    string TransitionId,
    string UnitId,
    UnitType UnitType,
    string UnitName,
    NotificationKind Kind,
    string Recipient,
    string RecipientName,
    string MessageKey,
    bool IncludeLink,
    NotificationDetails Details);

/// <summary>The NotifyUnit activity's output.</summary>
internal sealed record NotificationResult(DateTimeOffset SentAt, string MessageId);

/// <summary>A composed email, ready for an <see cref="IEmailSender"/>.</summary>
/// <param name="Attachment">At most one file: the SIP invitation's calendar; null for every other email.</param>
internal sealed record EmailMessage(string MessageId, string To, string Subject, string PlainText, string Html, EmailAttachment? Attachment = null);

/// <summary>A text attachment, e.g. <c>text/calendar; method=REQUEST</c>.</summary>
internal sealed record EmailAttachment(string FileName, string ContentType, string Content);
