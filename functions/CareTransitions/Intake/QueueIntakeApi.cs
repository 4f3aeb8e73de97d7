using System.Net;
using System.Text.Json;
using CareTransitions.Configuration;
using CareTransitions.OpenApi;

namespace CareTransitions.Intake;

/// <summary>
/// The same messages arriving queue-shaped, as an Azure Functions host delivers a Service Bus message to
/// a custom handler: <c>{ "Data": { "message": &lt;body&gt; }, "Metadata": { "MessageId": …, "DeliveryCount": … } }</c>.
/// Goes through <see cref="IntakeHandler"/> like the HTTP trigger. A refusal answers non-2xx, which makes
/// the host retry and finally dead-letter the message: never a silent drop.
/// </summary>
internal static class QueueIntakeApi
{
    /// <summary>The function name in infra/functions; the host posts to "/{name}".</summary>
    public const string FunctionName = "TransitionsQueue";

    private static readonly JsonSerializerOptions HostResponseJson = new() { PropertyNamingPolicy = null };

    public static void MapQueueIntake(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/queues/transitions", HandleAsync)
            .AddEndpointFilter<ApiKeyFilter>()
            .DocumentApiKey()
            .WithTags("Intake")
            .WithName("PostQueueMessage")
            .WithSummary("Receive a queue-shaped (Service Bus) message")
            .DocumentQueueIntake();

        // Where the Functions host itself delivers the trigger. It calls from the same machine and
        // does not forward function keys, so only loopback callers are served on this route.
        endpoints.MapPost("/" + FunctionName, (HttpContext http, IntakeHandler handler, PublicUrls urls, CancellationToken ct) =>
                http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                    ? HandleAsync(http.Request, handler, urls, ct)
                    : Task.FromResult<IResult>(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only the local Functions host may call this.")))
            .ExcludeFromDescription();
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, IntakeHandler handler, PublicUrls urls, CancellationToken cancellationToken)
    {
        JsonElement message;
        try
        {
            using var envelope = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (!(envelope.RootElement.TryGetProperty("Data", out var data) || envelope.RootElement.TryGetProperty("data", out data))
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

        var outcome = await handler.HandleAsync(message, "queue", cancellationToken);
        if (outcome is IntakeOutcome.Accepted accepted)
        {
            // The custom-handler response shape, names as the host spells them: it reads Outputs and Logs.
            return TypedResults.Json(
                new { Outputs = new { }, Logs = new[] { $"Accepted for transition {accepted.TransitionId}" }, ReturnValue = new { Id = accepted.TransitionId } },
                HostResponseJson);
        }

        return IntakeApi.ToHttpResult(outcome, urls).Result;
    }
}
