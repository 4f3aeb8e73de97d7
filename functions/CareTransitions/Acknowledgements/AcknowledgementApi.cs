using CareTransitions.Audit;
using CareTransitions.Configuration;
using CareTransitions.Telemetry;
using CareTransitions.Workflow;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareTransitions.Acknowledgements;

/// <summary>
/// GET and POST /ack/{token}: the page behind the email link. Only POST acknowledges, so mail
/// scanners that follow links never do; a second POST is harmless.
/// </summary>
internal static class AcknowledgementApi
{
    public static IServiceCollection AddAcknowledgements(this IServiceCollection services)
    {
        services.AddSingleton<AcknowledgementTokens>();
        services.AddSingleton<AcknowledgementStore>();
        services.AddScoped<AcknowledgementContext>();
        // Secure over https (behind a proxy once forwarded headers have set the scheme); plain http stays usable in Development.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.TryAddSingleton<IClientAddress, ConnectionAddress>();
        services.AddSingleton<AcknowledgementRateLimit>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, AcknowledgementRateLimit>(AcknowledgementRateLimit.Policy));
        return services;
    }

    public static RouteGroupBuilder MapAcknowledgements(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/ack").WithTags("Acknowledgements").RequireRateLimiting(AcknowledgementRateLimit.Policy);
        group.MapGet("/{token}", GetAsync).WithName("AcknowledgementPage").WithSummary("The acknowledgement page (never acknowledges)").DocumentPage();
        // Antiforgery is checked in the handler rather than by form binding, so a stale page gets a
        // friendly Swedish answer with a fresh form instead of a bare 400.
        group.MapPost("/{token}", PostAsync).DisableAntiforgery().WithName("Acknowledge").WithSummary("Acknowledge (form post with the acknowledger's name)").DocumentAcknowledge();
        return group;
    }

    internal static async Task<ContentHttpResult> GetAsync(
        string token, HttpContext http, AcknowledgementContext ack, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var found = await ack.ResolveAsync(token, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var (grant, unit, status) = found.Value!.Value;
        await ack.Audit.RecordAsync($"link ({grant.UnitId})", AuditActions.AcknowledgementPageViewed, grant.TransitionId, grant.UnitId, cancellationToken: cancellationToken);
        if (await ack.Store.FindAsync(grant.TransitionId, grant.UnitId, cancellationToken) is { } done)
        {
            return Page(AcknowledgementPages.Acknowledged(unit, status, grant.TransitionId, done.AcknowledgedBy, done.AcknowledgedAt, already: true));
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        return Page(AcknowledgementPages.Form(unit, status, grant.TransitionId, $"/ack/{token}", tokens.FormFieldName, tokens.RequestToken!, token, error: null));
    }

    internal static async Task<ContentHttpResult> PostAsync(
        string token, HttpContext http, AcknowledgementContext ack, IAntiforgery antiforgery, DurableTaskClient client, TimeProvider clock,
        TransitionMetrics metrics, CancellationToken cancellationToken)
    {
        var found = await ack.ResolveAsync(token, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var (grant, unit, status) = found.Value!.Value;
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
        var name = form?["name"].ToString().Trim();
        var error = !await antiforgery.IsRequestValidAsync(http) || form?["ackToken"].ToString() != token
            ? "Sidan var för gammal eller ofullständig. Skriv ditt namn och tryck Kvittera igen."
            : string.IsNullOrEmpty(name) || name.Length > 100 ? "Skriv ditt namn (högst 100 tecken) och tryck Kvittera." : null;
        if (error is not null)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Page(AcknowledgementPages.Form(unit, status, grant.TransitionId, $"/ack/{token}", tokens.FormFieldName, tokens.RequestToken!, token, error), StatusCodes.Status400BadRequest);
        }

        using var span = WorkflowSpans.StartAcknowledgement(grant.TransitionId, grant.UnitId);
        var (stored, isNew) = await ack.Store.RecordAsync(grant.TransitionId, grant.UnitId, name!, clock.GetUtcNow(), cancellationToken);
        if (isNew)
        {
            // No NotifiedAt yet: the link was followed in the moment between the email going out and the workflow
            // recording it, so the time to acknowledge is as good as nothing.
            metrics.Acknowledged(unit.UnitType, stored.AcknowledgedAt - (unit.NotifiedAt ?? stored.AcknowledgedAt));
        }

        // Raised on every POST, not only the first: if the service died right after storing the first
        // acknowledgement, this is what still tells the workflow. The orchestrator ignores repeats.
        await client.RaiseEventAsync(
            grant.TransitionId, Acknowledgement.EventName, new Acknowledgement(grant.UnitId, stored.AcknowledgedBy, stored.AcknowledgedAt), cancellationToken);
        return Page(AcknowledgementPages.Acknowledged(unit, status, grant.TransitionId, stored.AcknowledgedBy, stored.AcknowledgedAt, already: !isNew));
    }

    private static ContentHttpResult Page(string html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
