using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CareTransitions.OpenApi;
using CareTransitions.Workflow;

namespace CareTransitions.Intake;

/// <summary>The intake routes' OpenAPI description: body, answers and Swedish-domain examples.</summary>
internal static class IntakeOpenApi
{
    // Skatteverket's test personnummer: no real person has it.
    private const string TestPersonnummer = "19121212-1212";
    private const string WardHsaId = "SE2321000131-E000000012345";
    private const string WardName = "Avdelning 12, Sahlgrenska";
    private const string EpisodeId = "VT-2026-004711";

    public static readonly string ExampleTransitionId = TransitionIds.For(WardHsaId, EpisodeId);

    public static RouteHandlerBuilder DocumentIntake(this RouteHandlerBuilder route) => route
        .WithDescription(
            "The first message of an episode (vårdtillfälle) starts its transition; later ones reach it, in the order they arrive. " +
            "202 with the transition's URLs (Location: its status). The same messageId again answers 202 and changes nothing, whatever the " +
            "content: the first delivery wins. That answer says so (duplicate: true, the X-Duplicate-Message header) and names the first " +
            "delivery's type and time (storedMessageType, firstReceivedAt); a different type there means the messageId was reused for another message. " +
            "Bad fields → 400 naming each; messageId used for another episode, or the transition has ended → 409; unknown municipality → 422 " +
            "(nothing stored); a store unreachable → 503 with Retry-After (nothing stored; send the same message again).")
        .Accepts<IntakeMessageSchema>("application/json")
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithRequestExample("readyForDischarge", "Utskrivningsklar from Avdelning 12, Sahlgrenska; home care and home health care in Göteborg", () => Message("msg-2026-004711-0002", "ReadyForDischarge", "2026-11-24T10:40:00+01:00", "2026-11-26", "HomeCare", "HomeHealthCare"))
        .WithRequestExample("readyForDischargeWithHandover", "Utskrivningsklar with the patient's name and the ward's planning (shown only on the handover page, after sign-in)", () => WithHandover(Message("msg-2026-004711-0006", "ReadyForDischarge", "2026-11-24T10:40:00+01:00", "2026-11-26", "HomeHealthCare", "Rehabilitation", "AssistiveDevices")))
        .WithRequestExample("planningUpdated", "Ny planeringsinformation: only the handover changes (a new version; the units are told, without its content)", () => WithHandover(Message("msg-2026-004711-0005", "PlanningUpdated", "2026-11-25T14:10:00+01:00", null), "Hemtjänsten börjar med morgonbesök 27/11. Läkemedelslistan skickad till vårdcentralen."))
        .WithRequestExample("admissionNotice", "Inskrivningsmeddelande: the episode's first message", () => Message("msg-2026-004711-0001", "AdmissionNotice", "2026-11-22T08:15:00+01:00", null, "HomeCare"))
        .WithRequestExample("dischargeDateChanged", "Ändrat utskrivningsdatum: expectedDischargeDate is the new date (required)", () => Message("msg-2026-004711-0003", "DischargeDateChanged", "2026-11-25T09:00:00+01:00", "2026-11-27", "HomeCare", "HomeHealthCare"))
        .WithRequestExample("discharged", "Utskrivning: the patient has left the ward", () => Message("msg-2026-004711-0004", "Discharged", "2026-11-27T13:30:00+01:00", null))
        .WithResponseExample(StatusCodes.Status202Accepted, "accepted", "Accepted", () => Accepted())
        .WithResponseExample(StatusCodes.Status202Accepted, "duplicate", "A repeat of an accepted messageId: nothing changed; the first delivery was a ReadyForDischarge", () => Accepted(duplicate: true))
        .WithResponseHeader(StatusCodes.Status202Accepted, IntakeApi.DuplicateHeader, "\"true\" when the messageId had been accepted before and this delivery changed nothing; absent otherwise.", "true")
        .WithIntakeRefusalExamples();

    public static RouteHandlerBuilder DocumentQueueIntake(this RouteHandlerBuilder route) => route
        .WithDescription(
            "The intake JSON wrapped as an Azure Functions host hands a Service Bus message to a custom handler: Data.message holds " +
            "the message (a JSON string, as Service Bus delivers it, or an object). 200 with the host's response shape when accepted; " +
            "otherwise the same problem+json as POST /api/transitions, which makes the host retry and finally dead-letter it. " +
            "For the Storage queue transitions-intake (the JSON alone, no envelope) see the integration guide.")
        .Accepts<QueueIntakeEnvelopeSchema>("application/json")
        .Produces<QueueIntakeAcceptedSchema>(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithRequestExample("serviceBusMessage", "Utskrivning from Avdelning 12, Sahlgrenska, as Service Bus delivers it", () => new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = Message("msg-2026-004711-0004", "Discharged", "2026-11-27T13:30:00+01:00", null).ToJsonString() },
            ["Metadata"] = new JsonObject { ["MessageId"] = "sb-7f3c2a", ["DeliveryCount"] = 1 },
        })
        .WithResponseExample(StatusCodes.Status200OK, "accepted", "Accepted", () => ExampleJson.Of(new QueueIntakeAcceptedSchema(
            new JsonObject(), [$"Accepted for transition {ExampleTransitionId}"], new QueueIntakeReturnValueSchema(ExampleTransitionId))))
        .WithIntakeRefusalExamples();

    private static RouteHandlerBuilder WithIntakeRefusalExamples(this RouteHandlerBuilder route) => route
        .WithResponseExample(StatusCodes.Status400BadRequest, "invalidFields", "Every bad field named at once (the personnummer is never echoed)", () => ProblemExamples.Validation(
            "Invalid fields: occurredAt, patient.personalIdentityNumber, patient.municipalityCode.",
            ("occurredAt", "'occurredAt' must be an ISO-8601 time with an offset, e.g. 2026-11-22T09:30:00+01:00."),
            ("patient.personalIdentityNumber", "'patient.personalIdentityNumber' has a wrong check digit."),
            ("patient.municipalityCode", "'patient.municipalityCode' must be a 4-digit SCB municipality code.")), EndpointDocumentation.ProblemJson)
        .WithResponseExample(StatusCodes.Status409Conflict, "messageIdReused", "The messageId was used for another episode", () => ProblemExamples.Problem(
            409, "Conflict", "messageId 'msg-2026-004711-0002' was already used for another episode."), EndpointDocumentation.ProblemJson)
        .WithResponseExample(StatusCodes.Status409Conflict, "transitionEnded", "The episode's transition has ended", () => ProblemExamples.Problem(
            409, "Conflict", "The transition for this episode has ended (Completed); it takes no more messages."), EndpointDocumentation.ProblemJson)
        .WithResponseExample(StatusCodes.Status422UnprocessableEntity, "unknownMunicipality", "The municipality is not in the units directory", () => ProblemExamples.Problem(
            422, "Unknown municipality",
            "Municipality code 2584 is not in the units directory, so nobody could be notified. Nothing was stored; correct the code or add the municipality to the directory and send again."),
            EndpointDocumentation.ProblemJson);

    internal static JsonObject Message(string messageId, string type, string occurredAt, string? expectedDischargeDate, params string[] needs)
    {
        var message = new JsonObject
        {
            ["messageId"] = messageId,
            ["type"] = type,
            ["episodeId"] = EpisodeId,
            ["occurredAt"] = occurredAt,
            ["patient"] = new JsonObject { ["personalIdentityNumber"] = TestPersonnummer, ["municipalityCode"] = "1480" },
            ["ward"] = new JsonObject { ["hsaId"] = WardHsaId, ["name"] = WardName },
            ["careType"] = "Somatic",
        };
        if (expectedDischargeDate is not null)
        {
            message["expectedDischargeDate"] = expectedDischargeDate;
        }

        if (needs.Length > 0)
        {
            message["needs"] = new JsonArray([.. needs.Select(n => (JsonNode)n)]);
        }

        return message;
    }

    /// <summary>The message with the patient's name and a full handover object, as the integration guide shows it.</summary>
    internal static JsonObject WithHandover(JsonObject message, string planningNotes = "Hemgång 26/11 med hemtjänst morgon och kväll. Insulin kl. 08 ges av hemsjukvården. Dottern har nyckel.")
    {
        message["patient"]!["name"] = "Tolvan Tolvansson";
        message["handover"] = new JsonObject
        {
            ["contact"] = new JsonObject
            {
                ["day"] = new JsonObject { ["name"] = "Avdelning 12, sjuksköterska dagtid", ["phone"] = "031-342 10 00" },
                ["night"] = new JsonObject { ["name"] = "Avdelning 12, jourhavande sjuksköterska", ["phone"] = "031-342 10 99" },
                ["email"] = "avd12.sahlgrenska@vgregion.example.se",
            },
            ["planningNotes"] = planningNotes,
            ["rehabilitation"] = new JsonObject
            {
                ["occupationalTherapy"] = "Bedöm boendemiljön före hemgång; duschpall och toalettförhöjning behövs.",
                ["physiotherapy"] = "Gångträning med rollator två gånger dagligen.",
            },
            ["assistiveDevices"] = new JsonArray(
                new JsonObject { ["device"] = "Rollator", ["state"] = "Prescribed", ["responsible"] = "Kommunens rehab" },
                new JsonObject { ["device"] = "Duschpall", ["state"] = "Needed", ["responsible"] = "Kommunens arbetsterapeut" }),
            ["nextOfKin"] = new JsonArray(new JsonObject { ["name"] = "Tolva Tolvansson", ["relation"] = "dotter", ["phone"] = "070-123 45 67" }),
        };
        return message;
    }

    private static JsonNode Accepted(bool duplicate = false)
    {
        var status = $"{ExampleJson.BaseUrl}/api/transitions/{ExampleTransitionId}";
        return ExampleJson.Of(duplicate
            ? new TransitionAccepted(ExampleTransitionId, status, $"{status}/terminate?reason={{text}}", status, true, MessageType.ReadyForDischarge, new DateTimeOffset(2026, 11, 24, 9, 40, 12, TimeSpan.Zero))
            : new TransitionAccepted(ExampleTransitionId, status, $"{status}/terminate?reason={{text}}", status));
    }
}

// The queue-shaped route's documented shapes. Names as the Functions host spells them (PascalCase).

/// <summary>A Service Bus message as a Functions custom handler receives it.</summary>
internal sealed record QueueIntakeEnvelopeSchema(
    [property: JsonPropertyName("Data")] QueueIntakeDataSchema Data,
    [property: JsonPropertyName("Metadata")] QueueIntakeMetadataSchema? Metadata);

/// <param name="Message">The intake JSON: a string holding it (as Service Bus delivers it) or the object itself.</param>
internal sealed record QueueIntakeDataSchema([property: JsonPropertyName("message")] JsonNode Message);

internal sealed record QueueIntakeMetadataSchema(
    [property: JsonPropertyName("MessageId")] string? MessageId,
    [property: JsonPropertyName("DeliveryCount")] int? DeliveryCount);

/// <summary>The custom-handler answer the host reads (Outputs, Logs, ReturnValue).</summary>
internal sealed record QueueIntakeAcceptedSchema(
    [property: JsonPropertyName("Outputs")] JsonObject Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] QueueIntakeReturnValueSchema ReturnValue);

internal sealed record QueueIntakeReturnValueSchema([property: JsonPropertyName("Id")] string Id);
