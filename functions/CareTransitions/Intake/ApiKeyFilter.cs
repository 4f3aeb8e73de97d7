using System.Security.Cryptography;
using System.Text;
using CareTransitions.Configuration;
using Microsoft.Extensions.Options;

namespace CareTransitions.Intake;

/// <summary>The intake/coordinator API key, resolved once: configured, or invented in Development.</summary>
internal sealed class ApiKey
{
    public ApiKey(IOptions<IntakeOptions> intake, IOptions<StorageOptions> storage, IHostEnvironment environment, ILogger<ApiKey> logger)
    {
        var configured = intake.Value.ApiKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException("Intake:ApiKey is required outside Development.");
            }

            configured = DevelopmentSecrets.GetOrCreate(storage.Value.Directory, "intake-api.key", () => DevelopmentSecrets.NewKey(24));
            // Printed on purpose, in Development only, so the .http file can be used right away.
            logger.LogWarning("Intake:ApiKey is not set; Development key (x-functions-key): {ApiKey}", configured);
        }

        this.Value = Encoding.UTF8.GetBytes(configured);
    }

    public byte[] Value { get; }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), this.Value);
}

/// <summary>
/// Requires the <c>x-functions-key</c> header, as an Azure Functions function key would. Set on the
/// route group, so no endpoint under it can forget it.
/// </summary>
internal sealed class ApiKeyFilter(ApiKey key) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers;
        if (!key.Matches(headers[HeaderName].FirstOrDefault()))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"Send the API key in the '{HeaderName}' header.");
        }

        return await next(context);
    }
}
