using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage;

/// <summary>
/// What every store writes and reads the same way, whatever the database: the finished statuses, the start message
/// of a new instance, the messages a commit sends on its own, query paging tokens and literal LIKE patterns.
/// </summary>
internal static class StoreRules
{
    /// <summary>The statuses of a finished instance, as stored.</summary>
    public static readonly string[] FinishedStatuses = ["Completed", "Failed", "Terminated"];

    /// <summary>The ExecutionStarted message that starts a new instance (or a child, with its parent).</summary>
    public static P.HistoryEvent StartMessage(NewInstance instance)
    {
        var started = new P.ExecutionStartedEvent
        {
            Name = instance.Name,
            Version = instance.Version,
            Input = instance.Input,
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instance.InstanceId, ExecutionId = instance.ExecutionId },
            ParentInstance = instance.Parent,
            ParentTraceContext = instance.TraceContext,
            ScheduledStartTimestamp = instance.ScheduledStartAt is { } start ? Utc(start) : null,
        };
        if (instance.Tags is not null)
        {
            foreach (var (key, value) in instance.Tags)
            {
                started.Tags[key] = value;
            }
        }

        return new P.HistoryEvent { EventId = -1, Timestamp = Utc(instance.CreatedAt), ExecutionStarted = started };
    }

    /// <summary>An active instance already has the child's id: the parent's task fails rather than waiting forever.</summary>
    public static P.HistoryEvent ChildRefused(NewInstance child, DateTime now) => new()
    {
        EventId = -1,
        Timestamp = Utc(now),
        SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent
        {
            TaskScheduledId = child.Parent!.TaskScheduledId,
            FailureDetails = new P.TaskFailureDetails
            {
                ErrorType = typeof(InvalidOperationException).FullName,
                ErrorMessage = $"An orchestration instance with the id '{child.InstanceId}' is already active.",
                IsNonRetriable = true,
            },
        },
    };

    /// <summary>Sent to each active child when its parent is terminated recursively.</summary>
    public static P.HistoryEvent TerminatedWithParent(DateTime now) => new()
    {
        EventId = -1,
        Timestamp = Utc(now),
        ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = "The parent orchestration was terminated.", Recurse = true },
    };

    /// <summary>A LIKE pattern matching <paramref name="text"/> literally, with backslash as the escape character.</summary>
    public static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>Query pages are ordered by (created, id); the token is the last row's pair.</summary>
    public static string EncodeToken(long createdAt, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(createdAt.ToString(CultureInfo.InvariantCulture) + "\n" + instanceId));

    /// <exception cref="ArgumentException">The token was not issued by this backend.</exception>
    public static (long CreatedAt, string InstanceId) DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return (long.Parse(text[..newline], CultureInfo.InvariantCulture), text[(newline + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException("The continuation token is not one this backend issued.", nameof(token), e);
        }
    }

    private static Timestamp Utc(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
