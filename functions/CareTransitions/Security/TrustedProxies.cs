using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CareTransitions.Security;

/// <summary>
/// Section <c>ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed. None configured: none believed, not even from loopback, because behind a proxy every caller arrives from
/// it, and anyone could name any address in the header.
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>The proxies' IP addresses, separated by commas (e.g. <c>127.0.0.1</c> for a proxy on the same machine).</summary>
    public string? KnownProxies { get; set; }

    /// <summary>CIDR ranges the proxies are in, separated by commas (e.g. <c>10.0.0.0/24</c>).</summary>
    public string? KnownNetworks { get; set; }

    public IEnumerable<string> Proxies => Split(this.KnownProxies);

    public IEnumerable<string> Networks => Split(this.KnownNetworks);

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var problems = options.Proxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"ForwardedHeaders:KnownProxies has '{p}', not an IP address: list the proxies' addresses separated by commas, e.g. 10.0.0.4,10.0.0.5.")
            .Concat(options.Networks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
                .Select(n => $"ForwardedHeaders:KnownNetworks has '{n}', not a CIDR range: write it as 10.0.0.0/24."))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class TrustedProxies
{
    /// <summary>Forwarded client address and scheme, believed from the configured proxies only (the settings check reports bad entries).</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            // Empty lists would mean "believe everyone" to the middleware, so without a proxy nothing is read at all.
            o.ForwardedHeaders = settings.Value.Proxies.Any() || settings.Value.Networks.Any()
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.Proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in settings.Value.Networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
