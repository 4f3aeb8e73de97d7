using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareTransitions.OpenApi;

namespace CareTransitions.Security;

/// <summary>
/// The headers every answer carries: no sniffing, no referrer (acknowledgement tokens are in URLs), never framed, a
/// content security policy that runs no inline script, and no caching of anything with data. The API reference page
/// is the one page with inline script (Scalar's start-up): it is allowed by the script's hash, never by 'unsafe-inline'.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the service itself; inline style attributes stay allowed (the dashboard's filter form uses one).
    /// No form-action: browsers apply it to the redirect after a post too, and signing out redirects to the provider.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        AddWhenStarting(context);
        if (ApiDocumentation.IsReferencePage(context.Request.Path))
        {
            await WithInlineScriptHashesAsync(context, next);
        }
        else
        {
            await next(context);
        }
    });

    /// <summary>Gives the answer to <paramref name="context"/> the headers as it starts (a host without the middleware calls this per request).</summary>
    public static void AddWhenStarting(HttpContext context) =>
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            // The reference page's bundled script and fonts hold no data and may be cached; nothing else may.
            if (!IsReferenceAsset(context.Request.Path))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });

    private static bool IsReferenceAsset(PathString path) =>
        path.StartsWithSegments(ApiDocumentation.ReferenceRoute, out var rest) && rest.HasValue && rest != "/";

    // Buffers the page, then names each inline script's SHA-256 in the policy before the page goes out.
    private static Task WithInlineScriptHashesAsync(HttpContext context, RequestDelegate next) =>
        BufferedResponse.RewriteAsync(context, next, html =>
        {
            var hashes = InlineScript().Matches(html)
                .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'")
                .Distinct();
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' {string.Join(' ', hashes)}", StringComparison.Ordinal);
            return html;
        });

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
