using CareTransitions.Audit;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareTransitions.Acknowledgements;

/// <summary>What both acknowledgement endpoints need: the token resolved to its unit and transition, or the page that says why not.</summary>
internal sealed class AcknowledgementContext(
    AcknowledgementTokens tokens, AcknowledgementStore store, AuditLog audit, DurableTaskClient client, TimeProvider clock)
{
    public AcknowledgementStore Store => store;

    public AuditLog Audit => audit;

    public async Task<(ContentHttpResult? Problem, (TokenGrant Grant, UnitStatus Unit, TransitionStatus Status)? Value)> ResolveAsync(
        string token, CancellationToken cancellationToken)
    {
        var grant = await tokens.FindAsync(token, cancellationToken);
        if (grant is null)
        {
            return (Page("Länken finns inte", "Länken är okänd. Kontrollera att hela adressen kom med från e-postmeddelandet.", StatusCodes.Status404NotFound), null);
        }

        if (grant.ReplacedAt is { } replaced)
        {
            // Said plainly: the unit's new link is in a newer email; this one opens nothing, not even the transition's reference.
            return (Page("Länken är ersatt av en ny",
                $"En samordnare skickade en ny länk till enhetens e-postadress {Notifications.SwedishTexts.Time(replaced)}. Använd länken i det senaste mejlet; den här länken fungerar inte längre.",
                StatusCodes.Status410Gone), null);
        }

        if (grant.ExpiresAt <= clock.GetUtcNow())
        {
            return (Page("Länken har gått ut", "Länken är för gammal. Kontakta avdelningen eller er samordnare om vårdövergången fortfarande behöver kvitteras.", StatusCodes.Status410Gone), null);
        }

        // The custom status comes only with inputs and outputs (the SDK refuses to read it otherwise).
        var instance = await client.GetInstanceAsync(grant.TransitionId, getInputsAndOutputs: true, cancellationToken);
        var status = instance?.ReadCustomStatusAs<TransitionStatus>();
        var unit = status?.Units.FirstOrDefault(u => u.UnitId == grant.UnitId);
        if (status is null || unit is null)
        {
            return (Page("Vårdövergången finns inte längre", "Vårdövergången är avslutad och borttagen.", StatusCodes.Status410Gone), null);
        }

        return (null, (grant, unit, status));
    }

    private static ContentHttpResult Page(string heading, string text, int statusCode) =>
        TypedResults.Content(AcknowledgementPages.Message(heading, text), "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
