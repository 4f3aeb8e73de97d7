using System.Security.Cryptography;
using System.Text;
using CareTransitions.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CareTransitions.Intake;

/// <summary>
/// The API keys, resolved once: <c>Intake:ApiKey</c> (configured, or invented in Development) for any ward, each
/// sending system's own (<c>Intake:Senders</c>), and the coordinators' (<c>Coordinators:ApiKeys</c>). Every key
/// presented is compared with every configured one in constant time.
/// </summary>
internal sealed partial class ApiKey
{
    private readonly byte[]? anyWard;
    private readonly List<(byte[] Key, Sender Sender)> senders;
    private readonly List<(byte[] Key, string Name, IReadOnlyList<string>? Scope)> coordinators;

    public ApiKey(IOptions<IntakeOptions> intake, IOptions<CoordinatorOptions> coordinatorOptions, StorageTopology storage, IHostEnvironment environment, ILogger<ApiKey> logger)
    {
        var options = intake.Value;
        var configured = options.ApiKey;
        if (string.IsNullOrWhiteSpace(configured) && options.Senders.Count == 0)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException("Intake:ApiKey or Intake:Senders is required outside Development.");
            }

            configured = DevelopmentSecrets.GetOrCreate(storage.Directory, "intake-api.key", () => DevelopmentSecrets.NewKey(24));
            // Printed on purpose, in Development only, so the .http file can be used right away.
            logger.LogWarning("Intake:ApiKey is not set; Development key (x-functions-key): {ApiKey}", configured);
        }

        this.anyWard = string.IsNullOrWhiteSpace(configured) ? null : Encoding.UTF8.GetBytes(configured);
        this.senders = options.Senders.Select(s => (Encoding.UTF8.GetBytes(s.Value.Key ?? ""), new Sender(s.Key, s.Value.SendsForList))).ToList();
        var scopes = coordinatorOptions.Value.Scopes;
        this.coordinators = coordinatorOptions.Value.ApiKeys
            .Select(k => (Encoding.UTF8.GetBytes(k.Value), k.Key, scopes.TryGetValue(k.Key, out var scope) ? Coordinators.CoordinatorScope.Parse(scope) : null))
            .ToList();
        this.AnyWardKeyOpensCoordinatorApi = this.anyWard is not null && (options.ApiKeyOpensCoordinatorApi ?? environment.IsDevelopment());
        if (this.AnyWardKeyOpensCoordinatorApi && !environment.IsDevelopment())
        {
            logger.AnyWardKeyOpensCoordinatorApi();
        }
    }

    /// <summary>Whether Intake:ApiKey also opens the coordinators' API (Intake:ApiKeyOpensCoordinatorApi).</summary>
    public bool AnyWardKeyOpensCoordinatorApi { get; }

    /// <summary>The sender this key identifies, or null when it is no intake key.</summary>
    public Sender? SenderOf(string? presented)
    {
        if (presented is null)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        Sender? found = this.anyWard is not null && CryptographicOperations.FixedTimeEquals(bytes, this.anyWard) ? Sender.Any : null;
        foreach (var (key, sender) in this.senders)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, key))
            {
                found ??= sender;
            }
        }

        return found;
    }

    /// <summary>
    /// The coordinator this key opens the coordinators' API for: a coordinator key (its name, and its scope if
    /// <c>Coordinators:Scopes</c> gives one), or Intake:ApiKey where that is allowed; null for any other key.
    /// </summary>
    public CoordinatorKey? CoordinatorOf(string? presented)
    {
        if (presented is null)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        CoordinatorKey? found = this.AnyWardKeyOpensCoordinatorApi && CryptographicOperations.FixedTimeEquals(bytes, this.anyWard) ? new(null, null) : null;
        foreach (var (key, name, scope) in this.coordinators)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, key))
            {
                found ??= new(name, scope);
            }
        }

        return found;
    }
}

/// <summary>A key that opens the coordinators' API: its name under Coordinators:ApiKeys (null for Intake:ApiKey) and its scope (null: every transition).</summary>
internal sealed record CoordinatorKey(string? Name, IReadOnlyList<string>? Scope);

/// <summary>
/// Requires the <c>x-functions-key</c> header, as an Azure Functions function key would. Set on the
/// route group, so no endpoint under it can forget it.
/// </summary>
internal sealed class ApiKeyFilter(ApiKey key) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[HeaderName].FirstOrDefault();
        if (key.SenderOf(presented) is not { } sender)
        {
            return string.IsNullOrEmpty(presented) ? KeyMissing() : KeyNotRecognised();
        }

        // The handler reads who sent it from here: the sender is known from the key, not from the body.
        context.HttpContext.Items[typeof(Sender)] = sender;
        return await next(context);
    }

    // A missing header and a wrong key are different mistakes with different fixes; the key itself is never echoed.
    public const string KeyMissingTitle = "API key missing";
    public const string KeyMissingDetail = $"Send the API key in the '{HeaderName}' header.";
    public const string KeyNotRecognisedTitle = "API key not recognised";
    public const string KeyNotRecognisedDetail =
        $"The key in the '{HeaderName}' header is not one this service accepts here. Check that your system sends the key it was given for this service (it is not shown in this answer).";

    public static ProblemHttpResult KeyMissing() =>
        TypedResults.Problem(KeyMissingDetail, statusCode: StatusCodes.Status401Unauthorized, title: KeyMissingTitle);

    public static ProblemHttpResult KeyNotRecognised() =>
        TypedResults.Problem(KeyNotRecognisedDetail, statusCode: StatusCodes.Status401Unauthorized, title: KeyNotRecognisedTitle);
}
