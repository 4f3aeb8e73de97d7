using Grpc.Core;
using CareTransitions.Configuration;
using CareTransitions.Handover;
using System.Security.Claims;
using CareTransitions.Audit;
using CareTransitions.Intake;
using CareTransitions.SignIn;
using CareTransitions.OpenApi;
using CareTransitions.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Coordinators;

/// <summary>A transition as coordinators see it: the engine's runtime status plus the workflow's own status.</summary>
/// <remarks>Times are UTC <see cref="DateTime"/>s, so they keep the "Z" form regional systems already parse.</remarks>
internal sealed record TransitionView(
    string Id, OrchestrationRuntimeStatus RuntimeStatus, DateTime CreatedAt, DateTime LastUpdatedAt, DateTime? CompletedAt,
    TransitionStatus? Status, string? Failure)
{
    /// <summary>The short reference (also in <see cref="Status"/>), beside the id where a list is read.</summary>
    public string? Reference => this.Status?.Reference;
}

internal sealed record TransitionPage(IReadOnlyList<TransitionView> Items, string? ContinuationToken);

/// <summary>What DELETE /api/transitions/{id} answers.</summary>
/// <remarks>Our own record rather than the SDK's, whose extra <c>isComplete</c> would change the answer's fields.</remarks>
internal sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>GET /api/transitions and /api/transitions/{id}, plus the terminate and purge URLs intake hands out.</summary>
internal static class CoordinatorsApi
{
    public static RouteGroupBuilder MapCoordinators(this IEndpointRouteBuilder endpoints)
    {
        // The API key (as intake's) or a signed-in coordinator (Samordnare): SignIn/ authenticates either.
        var group = endpoints.MapGroup("/api/transitions").WithTags("Coordinators").RequireAuthorization(SignInPolicies.Coordinator).DocumentApiKey();
        group.MapGet("/{id}", GetAsync).WithName("GetTransition").WithSummary("One transition: phase, deadlines, each unit's times and acknowledger")
            .ProducesProblem(StatusCodes.Status404NotFound).DocumentGet();
        group.MapGet("/", ListQueryAsync).WithName("ListTransitions").WithSummary("Transitions, newest first, by runtime status and municipality")
            .WithDescription("Paged by the engine (pageSize, continuationToken); the municipality filter applies within each page, so a page may hold fewer items while a continuationToken still leads on.")
            .DocumentList();
        group.MapPost("/{id}/terminate", TerminateAsync).WithName("TerminateTransition").WithSummary("Stop a transition (it ends Terminated)")
            .ProducesProblem(StatusCodes.Status404NotFound).DocumentTerminate();
        group.MapDelete("/{id}", PurgeAsync).WithName("PurgeTransition").WithSummary("Delete a finished transition's engine history")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).DocumentPurge();
        return group;
    }

    internal static async Task<Results<Ok<TransitionView>, ProblemHttpResult>> GetAsync(
        string id, DurableTaskClient client, AuditLog audit, CancellationToken cancellationToken, ClaimsPrincipal? user = null)
    {
        // With inputs and outputs: only then does the SDK hand over the custom status and the failure.
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !id.StartsWith(TransitionIds.Prefix, StringComparison.Ordinal) || !InScope(instance, user))
        {
            return NotFound(id);
        }

        await audit.RecordAsync(AuditActors.Of(user), AuditActions.TransitionViewed, id, cancellationToken: cancellationToken);
        return TypedResults.Ok(View(instance));
    }

    /// <summary>
    /// GET /api/transitions from its query's text, as both hosts receive it: <paramref name="status"/> a runtime
    /// status's name in any case, <paramref name="pageSize"/> an integer, empty meaning absent; anything else is
    /// a 400 worded as minimal-API binding words it. The Functions app's ListTransitions calls this too.
    /// </summary>
    internal static async Task<Results<Ok<TransitionPage>, ProblemHttpResult>> ListQueryAsync(
        DurableTaskClient client, AuditLog audit, string? status, string? municipalityCode,
        string? continuationToken, string? pageSize, CancellationToken cancellationToken, ClaimsPrincipal? user = null)
    {
        OrchestrationRuntimeStatus? parsedStatus = null;
        if (status is { Length: > 0 })
        {
            if (!ExactEnum.TryParse<OrchestrationRuntimeStatus>(status, out var parsed, ignoreCase: true))
            {
                return BadParameter("OrchestrationRuntimeStatus? status", status);
            }
            parsedStatus = parsed;
        }

        int? parsedPageSize = null;
        if (pageSize is { Length: > 0 })
        {
            if (!int.TryParse(pageSize, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return BadParameter("int? pageSize", pageSize);
            }
            parsedPageSize = n;
        }

        return await ListAsync(client, audit, parsedStatus, municipalityCode, continuationToken, parsedPageSize, cancellationToken, user);
    }

    private static ProblemHttpResult BadParameter(string parameter, string text) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: $"Failed to bind parameter \"{parameter}\" from \"{text}\".");

    internal static async Task<Results<Ok<TransitionPage>, ProblemHttpResult>> ListAsync(
        DurableTaskClient client, AuditLog audit, OrchestrationRuntimeStatus? status, string? municipalityCode,
        string? continuationToken, int? pageSize, CancellationToken cancellationToken, ClaimsPrincipal? user = null)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = TransitionIds.Prefix,
            Statuses = status is { } s ? [s] : null,
            PageSize = Math.Clamp(pageSize ?? 100, 1, 1000),
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = true,
        };
        Page<OrchestrationMetadata> page;
        try
        {
            page = await FirstPageAsync(client.GetAllInstancesAsync(query), cancellationToken);
        }
        catch (RpcException e) when (continuationToken is not null && e.StatusCode == StatusCode.InvalidArgument)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                detail: "continuationToken is not one this service gave out: send the one from the previous page's answer, or none for the first page.");
        }
        // The order across pages is the backend's; within the page the newest come first.
        var scope = CoordinatorScope.Of(user);
        var items = page.Values.Select(View)
            .Where(v => scope.Includes(v.Status) && (municipalityCode is null || v.Status?.MunicipalityCode == municipalityCode))
            .OrderByDescending(v => v.CreatedAt)
            .ToList();
        await audit.RecordAsync(AuditActors.Of(user), AuditActions.TransitionsListed, null, detail: $"status={status} municipalityCode={municipalityCode} count={items.Count}", cancellationToken: cancellationToken);
        return TypedResults.Ok(new TransitionPage(items, page.ContinuationToken));
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(
        string id, string? reason, DurableTaskClient client, AuditLog audit, PersonalDataUpkeep personalData, CancellationToken cancellationToken, ClaimsPrincipal? user = null)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !InScope(instance, user))
        {
            return NotFound(id);
        }

        await client.TerminateInstanceAsync(id, reason, cancellationToken);
        await personalData.MarkEndedAsync(id, at: null, cancellationToken);
        await audit.RecordAsync(AuditActors.Of(user), AuditActions.TransitionTerminated, id, detail: reason, cancellationToken: cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    internal static async Task<Results<Ok<PurgeResult>, ProblemHttpResult>> PurgeAsync(
        string id, DurableTaskClient client, AuditLog audit, PersonalDataUpkeep personalData, CancellationToken cancellationToken, ClaimsPrincipal? user = null)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !InScope(instance, user))
        {
            return NotFound(id);
        }

        if (!instance.IsCompleted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "Only a finished transition can be purged; terminate it first.");
        }

        var result = await client.PurgeInstanceAsync(id, cancellationToken);
        // Purged means gone: the patient's identity, the plan and the conversation go with the history, not a retention later.
        await personalData.DeleteAsync(id, cancellationToken);
        await audit.RecordAsync(AuditActors.Of(user), AuditActions.TransitionPurged, id, cancellationToken: cancellationToken);
        return TypedResults.Ok(new PurgeResult(result.PurgedInstanceCount));
    }

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(AsyncPageable<OrchestrationMetadata> instances, CancellationToken cancellationToken)
    {
        await foreach (var page in instances.AsPages().WithCancellation(cancellationToken))
        {
            return page;
        }

        return new Page<OrchestrationMetadata>([], null);
    }

    /// <summary>Whether a scoped coordinator key reaches it (the custom status holds municipality, ward and units).</summary>
    private static bool InScope(OrchestrationMetadata instance, ClaimsPrincipal? user) =>
        CoordinatorScope.Of(user) is var scope && (scope.Entries is null || scope.Includes(instance.ReadCustomStatusAs<TransitionStatus>()));

    // The SDK keeps no completion time: a finished instance's last update is its completion.
    private static TransitionView View(OrchestrationMetadata m) => new(
        m.InstanceId, m.RuntimeStatus, m.CreatedAt.UtcDateTime, m.LastUpdatedAt.UtcDateTime, m.IsCompleted ? m.LastUpdatedAt.UtcDateTime : null,
        m.ReadCustomStatusAs<TransitionStatus>(), m.FailureDetails?.ToString());

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No transition has the id '{id}'.");
}
