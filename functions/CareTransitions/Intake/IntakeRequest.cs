using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareTransitions.Configuration;
using CareTransitions.Handover;
using CareTransitions.Privacy;
using CareTransitions.Workflow;

namespace CareTransitions.Intake;

/// <summary>A message that passed validation; still holds the personnummer, so it never leaves intake.</summary>
internal sealed record ValidIntakeMessage(
    string MessageId, MessageType Type, string EpisodeId, DateTimeOffset OccurredAt, string PersonalIdentityNumber,
    string MunicipalityCode, Ward Ward, CareType CareType, DateOnly? ExpectedDischargeDate, IReadOnlyList<Need> Needs,
    string? PatientName = null, HandoverPlan? Plan = null);

/// <summary>
/// Reads the intake JSON field by field, so a 400 can name every bad field at once (a typed
/// deserializer would stop at the first one and word it in its own terms).
/// </summary>
internal static partial class IntakeRequest
{
    /// <summary>How far from now occurredAt (back) and expectedDischargeDate (either way) may be: a year, plausible for a care episode.</summary>
    public static readonly TimeSpan MaxMessageAge = TimeSpan.FromDays(365);

    public static ValidIntakeMessage? Validate(JsonElement body, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        var bad = new Dictionary<string, string[]>();
        errors = bad;
        if (body.ValueKind != JsonValueKind.Object)
        {
            bad["body"] = ["must be a JSON object"];
            return null;
        }

        // The first problem of a field is the one it reports (an unsafe character, not "is required" after it).
        void Fail(string field, string message) => bad.TryAdd(field, [$"'{field}' {message}."]);

        // Every text field, wherever it is read: no control or invisible formatting characters.
        string? Text(JsonElement element, string name, string? field = null)
        {
            var value = RawText(element, name);
            if (value is not null && UnsafeText.Contains(value))
            {
                Fail(field ?? name, "must not contain control characters (such as line breaks) or invisible formatting characters");
                return null;
            }

            return value;
        }

        var messageId = Text(body, "messageId");
        if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > 200)
        {
            Fail("messageId", "is required (1–200 characters)");
        }

        var type = EnumValue<MessageType>(Text(body, "type"), "type", Fail);
        var episodeId = Text(body, "episodeId");
        if (string.IsNullOrWhiteSpace(episodeId) || episodeId.Length > 200)
        {
            Fail("episodeId", "is required (1–200 characters)");
        }

        var occurredAt = OccurredAt(Text(body, "occurredAt"), now, Fail);

        var patient = body.TryGetProperty("patient", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (patient.ValueKind != JsonValueKind.Object)
        {
            Fail("patient", "is required");
        }

        string pnr = string.Empty;
        if (patient.ValueKind == JsonValueKind.Object && !PersonalIdentityNumber.TryNormalize(Text(patient, "personalIdentityNumber", "patient.personalIdentityNumber"), out pnr, out var pnrError))
        {
            // The message never echoes the value: it is a personnummer.
            Fail("patient.personalIdentityNumber", pnrError!);
        }

        var municipality = patient.ValueKind == JsonValueKind.Object ? Text(patient, "municipalityCode", "patient.municipalityCode") : null;
        if (patient.ValueKind == JsonValueKind.Object && (municipality is null || !MunicipalityCodePattern().IsMatch(municipality)))
        {
            Fail("patient.municipalityCode", "must be a 4-digit SCB municipality code");
        }

        var patientName = HandoverRequest.PatientName(patient, Fail);
        var ward = body.TryGetProperty("ward", out var w) && w.ValueKind == JsonValueKind.Object ? w : default;
        string? hsaId = null, wardName = null;
        if (ward.ValueKind != JsonValueKind.Object)
        {
            Fail("ward", "is required");
        }
        else
        {
            hsaId = Text(ward, "hsaId", "ward.hsaId");
            if (hsaId is null || !HsaIdPattern().IsMatch(hsaId))
            {
                Fail("ward.hsaId", "must be an HSA-id such as SE2321000131-E000000012345");
            }

            wardName = Text(ward, "name", "ward.name");
            if (string.IsNullOrWhiteSpace(wardName) || wardName.Length > 200)
            {
                Fail("ward.name", "is required (1–200 characters)");
            }
        }

        var careType = EnumValue<CareType>(Text(body, "careType"), "careType", Fail);
        var expected = ExpectedDischargeDate(body, now, Fail);
        var needs = Needs(body, Fail);
        var plan = HandoverRequest.Plan(body, Fail);
        if (type == MessageType.DischargeDateChanged && expected is null && !bad.ContainsKey("expectedDischargeDate"))
        {
            Fail("expectedDischargeDate", "is required when type is DischargeDateChanged: it is the new date");
        }

        if (bad.Count > 0)
        {
            return null;
        }

        return new ValidIntakeMessage(
            messageId!, type!.Value, episodeId!, occurredAt!.Value, pnr, municipality!, new Ward(hsaId!, wardName!.Trim()),
            careType!.Value, expected, needs, patientName, plan);
    }

    private static string? RawText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static T? EnumValue<T>(string? text, string field, Action<string, string> fail) where T : struct, Enum
    {
        if (ExactEnum.TryParse<T>(text, out var value))
        {
            return value;
        }

        fail(field, $"must be one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }

    private static DateTimeOffset? OccurredAt(string? text, DateTimeOffset now, Action<string, string> fail)
    {
        if (text is null || !OffsetPattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            fail("occurredAt", "must be an ISO-8601 time with an offset, e.g. 2026-11-22T09:30:00+01:00");
            return null;
        }

        if (value > now.AddMinutes(5))
        {
            fail("occurredAt", "is in the future");
            return null;
        }

        if (value < now - MaxMessageAge)
        {
            fail("occurredAt", $"is more than {MaxMessageAge.Days} days ago: a care episode's messages are sent as they happen");
            return null;
        }

        return value;
    }

    private static DateOnly? ExpectedDischargeDate(JsonElement body, DateTimeOffset now, Action<string, string> fail)
    {
        if (!body.TryGetProperty("expectedDischargeDate", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (date < today.AddDays(-MaxMessageAge.Days) || date > today.AddDays(MaxMessageAge.Days))
            {
                fail("expectedDischargeDate", $"must be within {MaxMessageAge.Days} days of today");
                return null;
            }

            return date;
        }

        fail("expectedDischargeDate", "must be a date, YYYY-MM-DD");
        return null;
    }

    private static List<Need> Needs(JsonElement body, Action<string, string> fail)
    {
        var needs = new List<Need>();
        if (!body.TryGetProperty("needs", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return needs;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            fail("needs", $"must be an array of {string.Join(", ", Enum.GetNames<Need>())}");
            return needs;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (ExactEnum.TryParse<Need>(text, out var need))
            {
                if (!needs.Contains(need))
                {
                    needs.Add(need);
                }
            }
            else
            {
                fail($"needs[{index}]", $"must be one of {string.Join(", ", Enum.GetNames<Need>())}");
            }

            index++;
        }

        return needs;
    }

    [GeneratedRegex(@"^\d{4}\z")]
    private static partial Regex MunicipalityCodePattern();

    [GeneratedRegex(@"^SE\d{10}-[A-Za-z0-9]{1,31}\z")]
    private static partial Regex HsaIdPattern();

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})\z")]
    private static partial Regex OffsetPattern();
}
