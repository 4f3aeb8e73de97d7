using System.Text.Json;
using CareTransitions.Configuration;
using CareTransitions.OpenApi;

namespace CareTransitions.Intake;

/// <summary>
/// The same messages arriving queue-shaped, as a relay from a Service Bus queue posts them (the integration guide's
/// <c>POST /api/queues/transitions</c>, with the API key): <c>{ "Data": { "message": &lt;body&gt; }, "Metadata": { … } }</c>.
/// Goes through <see cref="IntakeHandler"/> like the HTTP trigger. A refusal answers non-2xx, which makes the relay
/// retry and finally dead-letter the message: never a silent drop.
/// </summary>
internal static class QueueIntakeApi
{
    private static readonly JsonSerializerOptions HostResponseJson = new() { PropertyNamingPolicy = null };

    public static void MapQueueIntake(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/queues/transitions", HandleAsync)
            .RequireRateLimiting(IntakeRateLimit.Policy)
            .AddEndpointFilter<ApiKeyFilter>()
            .DocumentApiKey()
            .WithTags("Intake")
            .WithName("PostQueueMessage")
            .WithSummary("Receive a queue-shaped (Service Bus) message")
            .DocumentQueueIntake();
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, IntakeHandler handler, PublicUrls urls, CancellationToken cancellationToken)
    {
        var (envelope, tooLarge, notJson) = await IntakeBody.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        JsonElement message;
        try
        {
            if (notJson)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Data.message"] = ["is not valid JSON"] });
            }

            if (!(envelope.TryGetProperty("Data", out var data) || envelope.TryGetProperty("data", out data))
                || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("message", out var body))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Data.message"] = ["is required"] });
            }

            // Service Bus hands a JSON body over as a string; accept an object too.
            message = body.ValueKind == JsonValueKind.String ? JsonDocument.Parse(body.GetString()!).RootElement.Clone() : body.Clone();
        }
        catch (JsonException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Data.message"] = ["is not valid JSON"] });
        }

        var outcome = await handler.HandleAsync(message, "queue", IntakeApi.SenderOf(request), cancellationToken);
        IntakeApi.MarkDuplicate(request.HttpContext.Response, outcome);
        if (outcome is IntakeOutcome.Accepted accepted)
        {
            // The custom-handler response shape, names as the host spells them: it reads Outputs and Logs.
            var log = accepted.FirstDelivery is { } first
                ? $"Duplicate of {first.Type} accepted {first.ReceivedAt:O} for transition {accepted.TransitionId}; nothing changed"
                : $"Accepted for transition {accepted.TransitionId}";
            return TypedResults.Json(new { Outputs = new { }, Logs = new[] { log }, ReturnValue = new { Id = accepted.TransitionId } }, HostResponseJson);
        }

        return IntakeApi.ToHttpResult(outcome, urls).Result;
    }
}
