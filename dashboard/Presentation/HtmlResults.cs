using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Presentation;

/// <summary>Whole HTML pages as results, with the dashboard's stylesheet.</summary>
internal static class HtmlResults
{
    public static ContentHttpResult Page(int status, string title, string body, bool report = false) =>
        TypedResults.Content(Layout.Render(title, body, report), "text/html; charset=utf-8", statusCode: status);
}
