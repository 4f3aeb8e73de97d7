using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CareTransitions.Functions.Tests;

/// <summary>The Functions app exports to Azure Monitor when it has a connection string, and nothing without one.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void Without_an_Application_Insights_connection_string_or_an_OTLP_endpoint_the_app_collects_nothing()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void With_an_Application_Insights_connection_string_the_app_traces_to_Azure_Monitor()
    {
        // An ingestion endpoint on a closed loopback port: nothing leaves the machine, and nothing is exported in this test.
        using var services = Build(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });

        var tracing = services.GetService<TracerProvider>();
        Assert.NotNull(tracing);
        // The SDK shows nothing of its pipeline; Azure Monitor's exporter brings its own (rate-limited) sampler.
        var sampler = tracing.GetType().GetProperty("Sampler", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)?.GetValue(tracing);
        Assert.StartsWith("Azure.Monitor.OpenTelemetry.Exporter", sampler?.GetType().FullName, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCareTransitionsFunctionsTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
