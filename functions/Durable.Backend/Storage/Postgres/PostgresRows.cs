using Npgsql;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>Rows read back into the store's records.</summary>
internal static class PostgresRows
{
    public const string InstanceColumns =
        "instance_id, execution_id, name, version, runtime_status, input, output, custom_status, failure_details, created_at, last_updated_at, "
        + "completed_at, scheduled_start_at, parent_instance_id, last_error";

    /// <summary><see cref="InstanceColumns"/> with the payloads (input, output, custom status, failure) left out, read the same way.</summary>
    public const string InstanceMetadataColumns =
        "instance_id, execution_id, name, version, runtime_status, NULL::text, NULL::text, NULL::text, NULL::bytea, created_at, last_updated_at, "
        + "completed_at, scheduled_start_at, parent_instance_id, last_error";

    public static P.HistoryEvent Event(NpgsqlDataReader reader, int ordinal) => P.HistoryEvent.Parser.ParseFrom(reader.GetFieldValue<byte[]>(ordinal));

    /// <summary>Reads <see cref="InstanceColumns"/> starting at <paramref name="first"/>.</summary>
    public static InstanceRow Instance(NpgsqlDataReader r, int first = 0) => new()
    {
        InstanceId = r.GetString(first),
        ExecutionId = r.GetString(first + 1),
        Name = r.GetString(first + 2),
        Version = Text(r, first + 3),
        Status = Enum.Parse<InstanceStatus>(r.GetString(first + 4)),
        Input = Text(r, first + 5),
        Output = Text(r, first + 6),
        CustomStatus = Text(r, first + 7),
        Failure = r.IsDBNull(first + 8) ? null : P.TaskFailureDetails.Parser.ParseFrom(r.GetFieldValue<byte[]>(first + 8)),
        CreatedAt = FromMs(r.GetInt64(first + 9)),
        LastUpdatedAt = FromMs(r.GetInt64(first + 10)),
        CompletedAt = r.IsDBNull(first + 11) ? null : FromMs(r.GetInt64(first + 11)),
        ScheduledStartAt = r.IsDBNull(first + 12) ? null : FromMs(r.GetInt64(first + 12)),
        ParentInstanceId = Text(r, first + 13),
    };

    /// <summary>The instance's last error, read after <see cref="InstanceColumns"/> starting at <paramref name="first"/>.</summary>
    public static string? LastError(NpgsqlDataReader r, int first = 0) => Text(r, first + 14);

    public static string? Text(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
