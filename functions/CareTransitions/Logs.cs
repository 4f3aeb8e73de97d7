using CareTransitions.Notifications;
using CareTransitions.Workflow;
using Dashboard.Reports;
using Microsoft.DurableTask.Client;

namespace CareTransitions;

/// <summary>
/// Every log line of the workflow library in one place, so each event id is given once (LogEventIdTests keeps them
/// unique): 1–9 sign-in, 3001–3099 intake, 3101–3199 notifications, 3201–3299 privacy, 3301–3399 workflow and
/// stores, 3401–3499 the monthly report's schedule.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Accepted {Type} {MessageId} for transition {TransitionId} via {Channel}")]
    public static partial void MessageAccepted(this ILogger logger, MessageType type, string messageId, string transitionId, string channel);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Queue message {QueueMessageId} refused on delivery {DequeueCount} of {MaxDequeueCount}: {Reason}")]
    public static partial void QueueMessageRefused(this ILogger logger, string queueMessageId, long dequeueCount, int maxDequeueCount, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Queue message {QueueMessageId} failed on delivery {DequeueCount}")]
    public static partial void QueueMessageFailed(this ILogger logger, string queueMessageId, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error, Message = "Queue message {QueueMessageId} moved to {PoisonQueue} after {DequeueCount} deliveries")]
    public static partial void QueueMessagePoisoned(this ILogger logger, string queueMessageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Storage queue {QueueName} unavailable; trying again")]
    public static partial void StorageQueueUnavailable(this ILogger logger, string queueName, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Intake:ApiKeyOpensCoordinatorApi is on: every regional system that sends with Intake:ApiKey can also list, terminate and purge every transition. Give coordinators keys of their own (Coordinators:ApiKeys) and turn it off.")]
    public static partial void AnyWardKeyOpensCoordinatorApi(this ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Sent {Kind} for unit {UnitId} of transition {TransitionId} as {MessageId} (SMTP {SmtpMs} ms)")]
    public static partial void EmailSent(this ILogger logger, NotificationKind kind, string unitId, string transitionId, string messageId, long smtpMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Could not send {Kind} for unit {UnitId} of transition {TransitionId} as {MessageId}: {Reason}")]
    public static partial void EmailFailed(this ILogger logger, Exception exception, NotificationKind kind, string unitId, string transitionId, string messageId, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Could not audit the failed email for unit {UnitId} of transition {TransitionId}")]
    public static partial void FailedEmailNotAudited(this ILogger logger, Exception exception, string unitId, string transitionId);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Deleted {Count} acknowledgement tokens expired more than 30 days ago")]
    public static partial void ExpiredTokensDeleted(this ILogger logger, int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Retention cleanup failed; trying again in an hour")]
    public static partial void RetentionCleanupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Deleted {Count} access log entries older than {Retention} (AccessLog:Retention)")]
    public static partial void AccessLogEntriesDeleted(this ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Access log {Outcome} by {PersonHsaId}: {Filter}")]
    public static partial void AccessLogSearched(this ILogger logger, string outcome, string personHsaId, string filter);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "Deleted the personal data of {Count} transitions that ended longer ago than PersonalData:Retention")]
    public static partial void PersonalDataDeleted(this ILogger logger, int count);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Information, Message = "Re-sealed {Count} personal-data records under key {KeyId}")]
    public static partial void PersonalDataResealed(this ILogger logger, int count, string keyId);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Warning, Message = "A conversation email for transition {TransitionId} was not sent: {Reason}")]
    public static partial void ConversationEmailFailed(this ILogger logger, Exception exception, string transitionId, string reason);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: a store is unreachable ({ExceptionType}: {ExceptionMessage})")]
    public static partial void AnsweredStoreOutage(this ILogger logger, string method, string path, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Gave up sending {Kind} for unit {UnitId} of transition {TransitionId} after every retry: {Error}")]
    public static partial void EmailGaveUp(this ILogger logger, NotificationKind kind, string unitId, string transitionId, string error);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "Gave up sending the SIP meeting {MeetingId} (sequence {Sequence}) to unit {UnitId} of transition {TransitionId} after every retry: {Error}")]
    public static partial void SipInvitationGaveUp(this ILogger logger, string meetingId, int sequence, string unitId, string transitionId, string error);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Transition {TransitionId} completed: all {UnitCount} units acknowledged and the stay ended")]
    public static partial void TransitionCompleted(this ILogger logger, string transitionId, int unitCount);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Monthly report {Month}: {Outcome}; waiting for the next month")]
    public static partial void MonthlyReportDone(this ILogger logger, string month, MonthlyReportOutcome outcome);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Error, Message = "Monthly report {Month} could not be sent ({Reason}); trying again in six hours")]
    public static partial void MonthlyReportFailed(this ILogger logger, string month, string reason);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "Monthly report schedule {InstanceId} started")]
    public static partial void ReportScheduleStarted(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "Monthly report schedule {InstanceId} is already {Status}; left alone")]
    public static partial void ReportScheduleAlreadyRunning(this ILogger logger, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Warning, Message = "Monthly report schedule could not be started yet; trying again")]
    public static partial void ReportScheduleRetry(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Authentication:Mode=Open: sign-in is OFF, every request is a developer with the Styrgrupp and Samordnare roles (Development only).")]
    public static partial void SignInOpenMode(this ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Sign-in is not configured (Authentication:OpenIdConnect:Authority is empty): the dashboard answers 503, the coordinators' API opens only with the API key.")]
    public static partial void SignInNotConfigured(this ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Sign-in with OpenID Connect at {Authority}; roles from the claim {RoleClaimType}: {SteeringGroup} (dashboard), {Coordinator} (coordinators).")]
    public static partial void SignInAt(this ILogger logger, string authority, string roleClaimType, string steeringGroup, string coordinator);
}
