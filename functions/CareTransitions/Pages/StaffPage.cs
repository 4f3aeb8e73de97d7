using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CareTransitions.Pages;

/// <summary>Where the staff pages' "Logga ut" leads: the service's own sign-out, or the platform's in the Functions app.</summary>
internal sealed record StaffPageLinks(string SignOutPath)
{
    public static StaffPageLinks Of(HttpContext http) =>
        http.RequestServices.GetService<StaffPageLinks>() ?? new StaffPageLinks(SignIn.SignInEndpoints.SignOutPath);
}

/// <summary>
/// The document every server-rendered staff page shares (acknowledgement, handover, access log): Swedish, a phone's
/// viewport, kept out of search engines; each page brings its own body and styles. One encoder for all of them, which
/// leaves Swedish letters as they are and encodes everything that could break out of the markup.
/// </summary>
internal static class StaffPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Html.Encode(text);

    public static string Document(string title, string styles, string body) => $"""
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{Encode(title)}</title>
        <style>
        {styles}
        </style>
        </head>
        <body>
        {body}
        </body>
        </html>
        """;
}
