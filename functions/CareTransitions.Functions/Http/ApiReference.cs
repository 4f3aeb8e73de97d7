using System.Reflection;
using System.Security.Cryptography;
using CareTransitions.Health;
using CareTransitions.OpenApi;
using CareTransitions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;

namespace CareTransitions.Functions.Http;

/// <summary>
/// The API reference (<c>/openapi/v1.json</c> and the Scalar page <c>/api/docs</c>) from the same source as the
/// standalone service's: the library's endpoints and their documentation, mapped in a web application that never
/// listens, whose pipeline answers the Functions app's reference requests in memory. The document keeps only the
/// routes an <c>[HttpTrigger]</c> of this app serves.
/// </summary>
internal sealed class ApiReference(IConfiguration configuration, IHostEnvironment environment) : IAsyncDisposable
{
    private readonly Lazy<(WebApplication App, RequestDelegate Pipeline)> reference = new(() => Build(configuration, environment));

    /// <summary>Answers <paramref name="context"/>'s request as the standalone service's reference routes would.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        var (app, pipeline) = this.reference.Value;
        await using var scope = app.Services.CreateAsyncScope();
        using var body = new MemoryStream();
        var inner = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        inner.Request.Method = context.Request.Method;
        inner.Request.Scheme = context.Request.Scheme;
        inner.Request.Host = context.Request.Host;
        inner.Request.PathBase = context.Request.PathBase;
        inner.Request.Path = context.Request.Path;
        inner.Request.QueryString = context.Request.QueryString;
        foreach (var header in context.Request.Headers)
        {
            inner.Request.Headers[header.Key] = header.Value;
        }
        inner.Response.Body = body;
        await pipeline(inner);

        context.Response.StatusCode = inner.Response.StatusCode;
        foreach (var header in inner.Response.Headers)
        {
            context.Response.Headers[header.Key] = header.Value;
        }
        context.Response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (this.reference.IsValueCreated)
        {
            await this.reference.Value.App.DisposeAsync();
        }
    }

    /// <summary>Method and route of every HTTP-triggered function of this app, as "GET api/transitions/{}".</summary>
    internal static IReadOnlySet<string> ServedRoutes() => typeof(ApiReference).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
        .SelectMany(t => (t.Methods ?? ["get"]).Select(method => $"{method.ToUpperInvariant()} {Normalize(t.Route ?? string.Empty)}"))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>A route without its leading slash and with its parameters unnamed, so both hosts' spellings compare.</summary>
    internal static string Normalize(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.TrimStart('/'), @"\{[^}]*\}", "{}");

    private static (WebApplication, RequestDelegate) Build(IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment.EnvironmentName,
            ApplicationName = typeof(CareTransitionsExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddConfiguration(configuration);
        // Building the intake endpoint's key filter needs a key; this application answers only the reference routes,
        // so no request is ever checked against it (the host checks the function key).
        builder.Configuration.AddInMemoryCollection([new("Intake:ApiKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))]);
        builder.Services.AddCareTransitions(builder.Configuration);
        builder.Services.AddCareTransitionsOpenApi();
        builder.Services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer(new OnlyServedRoutes(ServedRoutes())));
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.MapCareTransitions();
        app.MapApiReference();
        app.MapLiveness();
        app.MapReadiness();
        app.UseEndpoints(_ => { });
        return (app, ((IApplicationBuilder)app).Build());
    }

    /// <summary>Drops the operations the Functions app does not serve (sign-in pages, the queue's HTTP path).</summary>
    private sealed class OnlyServedRoutes(IReadOnlySet<string> served) : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            foreach (var (path, item) in document.Paths.ToList())
            {
                foreach (var method in item.Operations?.Keys.ToList() ?? [])
                {
                    if (!served.Contains($"{method.Method} {Normalize(path)}"))
                    {
                        item.Operations!.Remove(method);
                    }
                }
                if (item.Operations is not { Count: > 0 })
                {
                    document.Paths.Remove(path);
                }
            }
            return Task.CompletedTask;
        }
    }
}
