using CareTransitions.OpenApi;

namespace CareTransitions.Sip;

/// <summary>The SIP call route's OpenAPI description and examples.</summary>
internal static class SipOpenApi
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1));

    public static RouteHandlerBuilder DocumentSipCall(this RouteHandlerBuilder route) => route
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithRequestExample("call", "The vårdcentral calls the SIP meeting by video with the municipality's coordination and home health care", () => ExampleJson.Of(
            new SipCallRequest(Start, Start.AddHours(1), null, "https://video.example.se/m/4711", ["1480-samordning", "1480-hemsjukvard"], "Tolvan Tolvansson", "Anna Tolvansson")))
        .WithResponseExample(StatusCodes.Status200OK, "called", "Called: the invitations are sent", () => ExampleJson.Of(
            new SipCallView("sip-4f1c2a9be07d4c7f9a3e5b6c7d8e9f00", 0, Start.AddDays(-1), Start, Start.AddHours(1), null, "https://video.example.se/m/4711",
                ["1480-samordning", "1480-hemsjukvard"], false)));
}
