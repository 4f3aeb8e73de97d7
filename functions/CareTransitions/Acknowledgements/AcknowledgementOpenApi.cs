using CareTransitions.OpenApi;

namespace CareTransitions.Acknowledgements;

/// <summary>The acknowledgement pages' OpenAPI description: HTML for people, the token in the path as the capability.</summary>
internal static class AcknowledgementOpenApi
{
    public static RouteHandlerBuilder DocumentPage(this RouteHandlerBuilder route) => route
        .WithDescription("The Swedish page behind the email link: the unit's task, the ward, the phase and needs (no patient data) and a form to acknowledge. Viewing never acknowledges, so mail scanners that follow links do no harm. 404 page for an unknown token, 410 for an expired one or an ended transition.")
        .DocumentCapabilityToken()
        .ProducesHtml(StatusCodes.Status200OK)
        .ProducesHtml(StatusCodes.Status404NotFound)
        .ProducesHtml(StatusCodes.Status410Gone);

    public static RouteHandlerBuilder DocumentAcknowledge(this RouteHandlerBuilder route) => route
        .WithDescription("The page's form post: the acknowledger's name, the token again and the antiforgery field from the page. 200 page \"Tack, vårdövergången är kvitterad\" (or \"Redan kvitterad\" for a repeat, which changes nothing); 400 page with the form again for a missing name or a stale page.")
        .DocumentCapabilityToken()
        .Accepts<AcknowledgementFormSchema>("application/x-www-form-urlencoded")
        .ProducesHtml(StatusCodes.Status200OK)
        .ProducesHtml(StatusCodes.Status400BadRequest)
        .ProducesHtml(StatusCodes.Status404NotFound)
        .ProducesHtml(StatusCodes.Status410Gone);
}

/// <summary>The acknowledgement form's fields, as the page sends them.</summary>
/// <param name="Name">Ditt namn: who acknowledges, 1–100 characters.</param>
/// <param name="AckToken">The token of the path again.</param>
/// <param name="__RequestVerificationToken">The antiforgery field from the page.</param>
internal sealed record AcknowledgementFormSchema(string Name, string AckToken, string __RequestVerificationToken);
