using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace CareTransitions.OpenApi;

/// <summary>
/// docs/integration-guide.md (embedded at build, the one copy) as a plain page beside the reference, so an integrator
/// without the repository reads it where the document's introduction links to it.
/// </summary>
internal static partial class IntegrationGuidePage
{
    public const string Route = ApiDocumentation.ReferenceRoute + "/integration-guide";

    private static readonly Lazy<(string Title, string Body)> Guide = new(Render);

    public static IEndpointRouteBuilder MapIntegrationGuide(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (HttpRequest request) => TypedResults.Content(Page(request.PathBase), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return endpoints;
    }

    private static string Page(PathString pathBase)
    {
        var (title, body) = Guide.Value;
        var reference = WebUtility.HtmlEncode(pathBase.Add(ApiDocumentation.ReferenceRoute).Value);
        // Long settings and JSON wrap rather than make a phone scroll sideways; colours keep WCAG AA contrast.
        return $$"""
            <!doctype html>
            <html lang="{{ReferencePage.Language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} – Vårdövergångar</title>
            <style>
            body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;max-width:52rem;margin:0 auto;padding:1rem}
            a{color:#0b4fa8}
            table{border-collapse:collapse;width:100%}
            th,td{border:1px solid #6b6b6b;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            pre{background:#f3f3f3;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere}
            code{overflow-wrap:anywhere}
            </style>
            </head>
            <body>
            <nav aria-label="API reference"><a href="{{reference}}">Back to the API reference</a></nav>
            <main>
            {{body}}
            </main>
            </body>
            </html>
            """;
    }

    private static (string Title, string Body) Render()
    {
        using var stream = typeof(IntegrationGuidePage).Assembly.GetManifestResourceStream("docs/integration-guide.md")
            ?? throw new InvalidOperationException("The integration guide is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var markdown = reader.ReadToEnd();
        var html = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().Build());
        var title = FirstHeading().Match(markdown) is { Success: true } heading ? WebUtility.HtmlEncode(heading.Groups[1].Value.Trim()) : "Integration guide";
        return (title, html);
    }

    [GeneratedRegex(@"^# (.+)$", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();
}
