using System.Globalization;
using System.Text.Json.Nodes;

namespace CareTransitions.Load;

/// <summary>One message of the load: its body, and whether intake must refuse it (400).</summary>
internal sealed record LoadMessage(int Index, string MessageId, string Body, bool Malformed);

/// <summary>
/// The load's messages: each valid one is the first (ReadyForDischarge) of an episode of its own, so it must start
/// exactly one transition; every <c>100 / percent</c>-th is malformed instead, in turn truncated JSON, a body missing
/// required fields, and one with bad values (a personnummer with a wrong check digit, a 2-digit municipality code).
/// The personnummer is Skatteverket's test number; messageIds carry the run's id so its rows can be found afterwards.
/// </summary>
internal sealed class DischargeMessages(string runId, int malformedPercent)
{
    /// <summary>Municipalities in the units directory, so routing and emails find their units.</summary>
    private static readonly string[] Municipalities = ["1480", "0980", "0180", "1489", "1290"];

    public string MessageIdPrefix => $"load-{runId}-";

    /// <summary>The load's message <paramref name="index"/>, malformed or not by its place.</summary>
    public LoadMessage Create(int index) => this.Build(index, index.ToString(CultureInfo.InvariantCulture), this.IsMalformed(index));

    /// <summary>A valid message of the warm-up, an episode of its own like the rest.</summary>
    public LoadMessage CreateWarmUp(int index) => this.Build(index, $"w{index}", malformed: false);

    private LoadMessage Build(int index, string name, bool malformed)
    {
        var messageId = this.MessageIdPrefix + name;
        var message = Valid(messageId, $"LOAD-{runId}-{name}", Municipalities[index % Municipalities.Length]);
        if (!malformed)
        {
            return new LoadMessage(index, messageId, message.ToJsonString(), Malformed: false);
        }

        switch ((index / Math.Max(1, 100 / malformedPercent)) % 3)
        {
            case 0:
                var text = message.ToJsonString();
                return new LoadMessage(index, messageId, text[..(text.Length / 2)], Malformed: true);
            case 1:
                message.Remove("episodeId");
                message.Remove("patient");
                break;
            default:
                message["patient"] = new JsonObject { ["personalIdentityNumber"] = "19121212-1213", ["municipalityCode"] = "98" };
                break;
        }

        return new LoadMessage(index, messageId, message.ToJsonString(), Malformed: true);
    }

    /// <summary>Exactly <c>percent</c> of every hundred, spread evenly.</summary>
    private bool IsMalformed(int index) => malformedPercent > 0 && (index + 1) * malformedPercent / 100 != index * malformedPercent / 100;

    private static JsonObject Valid(string messageId, string episodeId, string municipality) => new()
    {
        ["messageId"] = messageId,
        ["type"] = "ReadyForDischarge",
        ["episodeId"] = episodeId,
        ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["patient"] = new JsonObject { ["personalIdentityNumber"] = "19121212-1212", ["municipalityCode"] = municipality },
        ["ward"] = new JsonObject { ["hsaId"] = "SE2321000131-E000000012345", ["name"] = "Avdelning 12 Medicin" },
        ["careType"] = "Somatic",
        ["expectedDischargeDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["needs"] = new JsonArray("HomeHealthCare", "Rehabilitation"),
    };
}
