using System.Text.Json;
using System.Text.Json.Serialization;
using CareTransitions.Configuration;
using CareTransitions.OpenApi;
using CareTransitions.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareTransitions.Intake;

/// <summary>
/// The 202 answer, with the URLs a Durable Functions user expects, and whether the messageId had been accepted before.
/// A repeat changes nothing, so it names the first delivery's type and time: a sender that reused a messageId for
/// other content sees it here. The first delivery's content is not kept, so it is not compared.
/// </summary>
internal sealed record TransitionAccepted(
    string Id,
    string StatusQueryGetUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    bool Duplicate = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MessageType? StoredMessageType = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FirstReceivedAt = null);

/// <summary>POST /api/transitions: messages from the hospitals' systems (the discharge trigger).</summary>
internal static class IntakeApi
{
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddSingleton<ApiKey>();
        services.AddSingleton<ProcessedMessages>();
        services.AddScoped<IntakeHandler>();
        services.AddScoped<QueueMessageIntake>();
        services.AddIntakeRateLimit();
        return services;
    }

    public static RouteGroupBuilder MapIntake(this IEndpointRouteBuilder endpoints)
    {
        // Resolved now, not on the first request: a missing secret stops the service at start, and the
        // Development key is printed where the person starting the service sees it.
        endpoints.ServiceProvider.GetRequiredService<ApiKey>();
        endpoints.ServiceProvider.GetRequiredService<Privacy.PatientPseudonymizer>();
        var group = endpoints.MapGroup("/api/transitions").WithTags("Intake").AddEndpointFilter<ApiKeyFilter>().DocumentApiKey();
        group.MapPost("/", PostAsync)
            .RequireRateLimiting(IntakeRateLimit.Policy)
            .WithName("PostTransitionMessage")
            .WithSummary("Receive a message about a care episode")
            .DocumentIntake();
        return group;
    }

    internal static async Task<Results<AcceptedAtRoute<TransitionAccepted>, Accepted<TransitionAccepted>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, IntakeHandler handler, PublicUrls urls, CancellationToken cancellationToken)
    {
        var (body, tooLarge, notJson) = await IntakeBody.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        if (notJson)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }

        var outcome = await handler.HandleAsync(body, "http", SenderOf(request), cancellationToken);
        MarkDuplicate(request.HttpContext.Response, outcome);
        return ToHttpResult(outcome, urls);
    }

    /// <summary>The header that tells a repeat of an accepted messageId apart without reading the body (both intake routes send it).</summary>
    public const string DuplicateHeader = "X-Duplicate-Message";

    public static void MarkDuplicate(HttpResponse response, IntakeOutcome outcome)
    {
        if (outcome is IntakeOutcome.Accepted { Duplicate: true })
        {
            response.Headers[DuplicateHeader] = "true";
        }
    }

    /// <summary>Maps an intake outcome to HTTP; shared with the queue endpoint so both answer alike.</summary>
    public static Results<AcceptedAtRoute<TransitionAccepted>, Accepted<TransitionAccepted>, ValidationProblem, ProblemHttpResult> ToHttpResult(IntakeOutcome outcome, PublicUrls urls) => outcome switch
    {
        IntakeOutcome.Accepted accepted => TypedResults.Accepted(urls.Transition(accepted.TransitionId), Describe(accepted, urls)),
        IntakeOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, detail: $"Invalid fields: {string.Join(", ", invalid.Errors.Keys)}."),
        IntakeOutcome.UnknownMunicipality unknown => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Unknown municipality",
            detail: $"Municipality code {unknown.Code} is not in the units directory, so nobody could be notified. Nothing was stored; correct the code or add the municipality to the directory and send again."),
        IntakeOutcome.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: conflict.Detail),
        IntakeOutcome.Forbidden forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: forbidden.Detail),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    /// <summary>Who sent the request, as <see cref="ApiKeyFilter"/> found it from the key; a Functions host checked its own key: any ward.</summary>
    public static Sender SenderOf(HttpRequest request) => request.HttpContext.Items[typeof(Sender)] as Sender ?? Sender.Any;

    private static TransitionAccepted Describe(IntakeOutcome.Accepted accepted, PublicUrls urls)
    {
        var status = urls.Transition(accepted.TransitionId);
        var first = accepted.FirstDelivery;
        return new TransitionAccepted(accepted.TransitionId, status, $"{status}/terminate?reason={{text}}", status, accepted.Duplicate, first?.Type, first?.ReceivedAt);
    }
}
