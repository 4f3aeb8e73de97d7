using System.Text;

namespace CareTransitions.OpenApi;

/// <summary>
/// What Scalar's page lacks: the page's language (its template's <c>&lt;html&gt;</c> has none), a placeholder in the key
/// field that names the header where Scalar shows a base64 joke, and text colours that meet WCAG 2.1 AA contrast.
/// </summary>
internal static class ReferencePage
{
    /// <summary>The reference, its document and the guide are written in English for integrators.</summary>
    public const string Language = "en";

    /// <summary>Served by the service ('self' under the content security policy), so the page needs no new inline script.</summary>
    public const string KeyFieldScriptRoute = ApiDocumentation.ReferenceRoute + "/key-field.js";

    public const string KeyPlaceholder = "Your system's API key (x-functions-key)";

    /// <summary>The tag the page's head loads the script with; relative, so a path base in front of /api/docs still works.</summary>
    public const string KeyFieldScriptTag = """<script src="key-field.js" defer></script>""";

    // IMPORTANT: the joke is a literal in Scalar's bundle; after an upgrade, the reference page test says if it changed.
    private const string KeyFieldScript = $$"""
        // Scalar's key fields show a base64 joke as their placeholder; say which key goes there instead. Its header-name
        // editor beside them is a combobox without aria-expanded (axe: aria-required-attr): its list starts closed.
        const joke = 'QUxMIFlPVVIgQkFTRSBBUkUgQkVMT05HIFRPIFVT';
        const name = "{{KeyPlaceholder}}";
        const fix = () => {
          document.querySelectorAll(`input[placeholder="${joke}"]`).forEach(input => { input.placeholder = name; });
          document.querySelectorAll('[role="combobox"]:not([aria-expanded])').forEach(box => box.setAttribute('aria-expanded', 'false'));
        };
        new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['placeholder', 'role'] });
        fix();
        """;

    /// <summary>
    /// Scalar's light theme with WCAG 2.1 AA contrast (4.5:1 on its white and grey backgrounds): its method colours and
    /// its second and third text greys are lighter than that. The doubled class outranks the theme's own rules.
    /// </summary>
    public const string ContrastCss = """
        .light-mode.light-mode {
          --scalar-color-2: #545454; --scalar-color-3: #5e5e5e;
          --scalar-color-green: #006b47; --scalar-color-red: #c4000a; --scalar-color-blue: #005f9e; --scalar-color-orange: #b03c00;
          --scalar-color-yellow: #7a5c00; --scalar-color-query: #006366;
        }
        """;

    /// <summary>Gives the page's <c>&lt;html&gt;</c> its <see cref="Language"/>; the assets under the route pass untouched.</summary>
    public static TBuilder WithPageLanguage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context => ApiDocumentation.IsReferencePage(context.Request.Path) ? WithLanguageAsync(context, next) : next(context);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapKeyFieldScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(KeyFieldScriptRoute, () => TypedResults.Text(KeyFieldScript, "text/javascript; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return endpoints;
    }

    private static Task WithLanguageAsync(HttpContext context, RequestDelegate next) =>
        Security.BufferedResponse.RewriteAsync(context, next, html => html.Replace("<html>", $"<html lang=\"{Language}\">", StringComparison.Ordinal));
}
