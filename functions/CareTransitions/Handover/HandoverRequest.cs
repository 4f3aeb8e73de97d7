using System.Text.Json;
using System.Text.RegularExpressions;
using CareTransitions.Configuration;
using CareTransitions.Intake;

namespace CareTransitions.Handover;

/// <summary>
/// Reads the optional personal parts of an intake message (<c>patient.name</c> and the <c>handover</c> object) field by
/// field, naming every bad one as the rest of intake does. Never echoes a value: they are personal data.
/// </summary>
internal static partial class HandoverRequest
{
    public const int MaxNotesLength = 4000;
    public const int MaxItems = 50;

    /// <summary>The patient's name, or null when the message has none; a bad one fails.</summary>
    public static string? PatientName(JsonElement patient, Action<string, string> fail) =>
        patient.ValueKind == JsonValueKind.Object ? Line(patient, "name", "patient.name", 200, fail) : null;

    /// <summary>The ward's plan, or null when the message has no <c>handover</c> object; bad fields fail.</summary>
    public static HandoverPlan? Plan(JsonElement body, Action<string, string> fail)
    {
        if (!body.TryGetProperty("handover", out var handover) || handover.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (handover.ValueKind != JsonValueKind.Object)
        {
            fail("handover", "must be an object (contact, planningNotes, rehabilitation, assistiveDevices, nextOfKin)");
            return null;
        }

        WardContact? contact = null;
        if (Object(handover, "contact", "handover.contact", fail) is { } c)
        {
            contact = new WardContact(Contact(c, "day", "handover.contact.day", fail), Contact(c, "night", "handover.contact.night", fail), Email(c, "email", "handover.contact.email", fail));
        }

        RehabilitationNeeds? rehabilitation = null;
        if (Object(handover, "rehabilitation", "handover.rehabilitation", fail) is { } r)
        {
            rehabilitation = new RehabilitationNeeds(
                Notes(r, "occupationalTherapy", "handover.rehabilitation.occupationalTherapy", fail),
                Notes(r, "physiotherapy", "handover.rehabilitation.physiotherapy", fail));
        }

        var devices = Items(handover, "assistiveDevices", fail, (item, field) =>
        {
            var device = Line(item, "device", $"{field}.device", 200, fail, required: true);
            var state = item.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String && ExactEnum.TryParse<AssistiveDeviceState>(s.GetString(), out var parsed)
                ? parsed : (AssistiveDeviceState?)null;
            if (state is null)
            {
                fail($"{field}.state", $"must be one of {string.Join(", ", Enum.GetNames<AssistiveDeviceState>())}");
            }

            var responsible = Line(item, "responsible", $"{field}.responsible", 200, fail, required: true);
            return device is null || state is null || responsible is null ? null : new AssistiveDevice(device, state.Value, responsible);
        });
        var nextOfKin = Items(handover, "nextOfKin", fail, (item, field) =>
        {
            var name = Line(item, "name", $"{field}.name", 200, fail, required: true);
            var relation = Line(item, "relation", $"{field}.relation", 100, fail);
            var phone = Phone(item, "phone", $"{field}.phone", fail);
            return name is null ? null : new NextOfKin(name, relation, phone);
        });

        return new HandoverPlan(contact, Notes(handover, "planningNotes", "handover.planningNotes", fail), rehabilitation, devices, nextOfKin);
    }

    private static ContactPath? Contact(JsonElement parent, string name, string field, Action<string, string> fail)
    {
        if (Object(parent, name, field, fail) is not { } contact)
        {
            return null;
        }

        var who = Line(contact, "name", $"{field}.name", 200, fail, required: true);
        var phone = Phone(contact, "phone", $"{field}.phone", fail, required: true);
        return who is null || phone is null ? null : new ContactPath(who, phone);
    }

    private static JsonElement? Object(JsonElement parent, string name, string field, Action<string, string> fail)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            fail(field, "must be an object");
            return null;
        }

        return value;
    }

    private static List<T> Items<T>(JsonElement parent, string name, Action<string, string> fail, Func<JsonElement, string, T?> read)
        where T : class
    {
        var items = new List<T>();
        var field = $"handover.{name}";
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return items;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxItems)
        {
            fail(field, $"must be an array of at most {MaxItems} objects");
            return items;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                fail($"{field}[{index}]", "must be an object");
            }
            else if (read(item, $"{field}[{index}]") is { } parsed)
            {
                items.Add(parsed);
            }

            index++;
        }

        return items;
    }

    /// <summary>A one-line text: no control or invisible formatting characters.</summary>
    private static string? Line(JsonElement parent, string name, string field, int max, Action<string, string> fail, bool required = false)
    {
        var text = String(parent, name, field, fail);
        if (text is null)
        {
            if (required)
            {
                fail(field, $"is required (1–{max} characters)");
            }

            return null;
        }

        if (UnsafeText.Contains(text))
        {
            fail(field, "must not contain control characters (such as line breaks) or invisible formatting characters");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > max)
        {
            fail(field, $"must be 1–{max} characters");
            return null;
        }

        return text.Trim();
    }

    /// <summary>A free text that may span lines (line breaks and tabs only), up to <see cref="MaxNotesLength"/> characters.</summary>
    private static string? Notes(JsonElement parent, string name, string field, Action<string, string> fail)
    {
        var text = String(parent, name, field, fail);
        if (text is null)
        {
            return null;
        }

        if (UnsafeText.Contains(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', ' ').Replace('\t', ' ')))
        {
            fail(field, "must not contain control characters other than line breaks and tabs, nor invisible formatting characters");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxNotesLength)
        {
            fail(field, $"must be 1–{MaxNotesLength} characters");
            return null;
        }

        return text.Trim();
    }

    private static string? Email(JsonElement parent, string name, string field, Action<string, string> fail)
    {
        var text = String(parent, name, field, fail);
        if (text is not null && (text.Length > 254 || !EmailPattern().IsMatch(text)))
        {
            fail(field, "must be an email address such as avd12@sjukhus.example.se (the ward's functional mailbox)");
            return null;
        }

        return text?.Trim();
    }

    private static string? Phone(JsonElement parent, string name, string field, Action<string, string> fail, bool required = false)
    {
        var text = String(parent, name, field, fail);
        if (text is null)
        {
            if (required)
            {
                fail(field, "is required: a phone number such as 010-123 45 67 or +46 10 123 45 67");
            }

            return null;
        }

        if (!PhonePattern().IsMatch(text))
        {
            fail(field, "must be a phone number such as 010-123 45 67 or +46 10 123 45 67 (digits, spaces, +, -, parentheses; 3–30 characters)");
            return null;
        }

        return text.Trim();
    }

    private static string? String(JsonElement parent, string name, string field, Action<string, string> fail)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            fail(field, "must be a string");
            return null;
        }

        return value.GetString();
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{2,29}\z")]
    private static partial Regex PhonePattern();
}
