using CareTransitions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CareTransitions.Tests.UnitTests;

/// <summary>Telemetry is off (no provider at all) unless an exporter is configured; a bad endpoint names its setting.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddCareTransitionsTelemetry_NoEndpoint_RegistersNoProvider()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")]
    public void AddCareTransitionsTelemetry_OtlpEndpoint_ExportsTracesAndMetrics(string key, string endpoint)
    {
        using var services = Build(new() { [key] = endpoint });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    [Fact]
    public void AddCareTransitionsTelemetry_EndpointNotAUrl_NamesTheSetting()
    {
        using var services = Build(new() { ["Telemetry:OtlpEndpoint"] = "collector:4317" });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        var problem = Assert.Single(e.Failures);
        Assert.Contains("Telemetry:OtlpEndpoint", problem, StringComparison.Ordinal);
        Assert.Contains("collector:4317", problem, StringComparison.Ordinal);
        Assert.Null(services.GetService<TracerProvider>()); // Nothing is exported on a setting the start refuses.
    }

    [Fact]
    public void AddCareTransitionsTelemetry_UnknownProtocol_NamesTheSetting()
    {
        using var services = Build(new()
        {
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4318",
            ["Telemetry:OtlpProtocol"] = "udp",
        });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains("Telemetry:OtlpProtocol", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCareTransitionsTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
