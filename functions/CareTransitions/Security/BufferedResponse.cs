using System.Text;

namespace CareTransitions.Security;

/// <summary>A page rewritten after it is made: the body buffered, changed, then sent with its new length.</summary>
internal static class BufferedResponse
{
    /// <summary>
    /// Runs <paramref name="next"/> into a buffer and sends what <paramref name="rewrite"/> makes of the page. Nothing is sent
    /// before the rewrite returns, so it may still set headers.
    /// </summary>
    public static async Task RewriteAsync(HttpContext context, RequestDelegate next, Func<string, string> rewrite)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var page = Encoding.UTF8.GetBytes(rewrite(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
        context.Response.ContentLength = page.Length;
        await original.WriteAsync(page, context.RequestAborted);
    }
}
