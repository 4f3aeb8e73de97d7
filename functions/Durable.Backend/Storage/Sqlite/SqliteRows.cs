using Microsoft.Data.Sqlite;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>Rows read back into the store's records.</summary>
internal static class SqliteRows
{
    public const string InstanceColumns =
        "InstanceId, ExecutionId, Name, Version, RuntimeStatus, Input, Output, CustomStatus, FailureDetails, CreatedAt, LastUpdatedAt, CompletedAt, ScheduledStartAt, ParentInstanceId, LastError";

    /// <summary><see cref="InstanceColumns"/> with the payloads (input, output, custom status, failure) left out, read the same way.</summary>
    public const string InstanceMetadataColumns =
        "InstanceId, ExecutionId, Name, Version, RuntimeStatus, NULL, NULL, NULL, NULL, CreatedAt, LastUpdatedAt, CompletedAt, ScheduledStartAt, ParentInstanceId, LastError";

    public static P.HistoryEvent EventFrom(SqliteDataReader reader, int ordinal) => P.HistoryEvent.Parser.ParseFrom((byte[])reader.GetValue(ordinal));

    /// <summary>Reads <see cref="InstanceColumns"/>.</summary>
    public static InstanceRow ReadInstance(SqliteDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        ExecutionId = r.GetString(1),
        Name = r.GetString(2),
        Version = r.IsDBNull(3) ? null : r.GetString(3),
        Status = Enum.Parse<InstanceStatus>(r.GetString(4)),
        Input = r.IsDBNull(5) ? null : r.GetString(5),
        Output = r.IsDBNull(6) ? null : r.GetString(6),
        CustomStatus = r.IsDBNull(7) ? null : r.GetString(7),
        Failure = r.IsDBNull(8) ? null : P.TaskFailureDetails.Parser.ParseFrom((byte[])r.GetValue(8)),
        CreatedAt = FromMs(r.GetInt64(9)),
        LastUpdatedAt = FromMs(r.GetInt64(10)),
        CompletedAt = r.IsDBNull(11) ? null : FromMs(r.GetInt64(11)),
        ScheduledStartAt = r.IsDBNull(12) ? null : FromMs(r.GetInt64(12)),
        ParentInstanceId = r.IsDBNull(13) ? null : r.GetString(13),
    };

    /// <summary>The instance's last error, read after <see cref="InstanceColumns"/>.</summary>
    public static string? LastError(SqliteDataReader r) => r.IsDBNull(14) ? null : r.GetString(14);

    public static InstanceRow? ReadInstance(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInstance(reader) : null;
    }

    public static List<P.HistoryEvent> ReadEvents(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var events = new List<P.HistoryEvent>();
        while (reader.Read())
        {
            events.Add(EventFrom(reader, 0));
        }

        return events;
    }
}
