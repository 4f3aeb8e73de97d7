using Azure.Core.Serialization;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Configuration;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace CareTransitions.Functions.Tests;

/// <summary>What the app's Program decides before any function runs.</summary>
public sealed class AppStartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Sqlite")]
    public void Outside_Development_the_app_refuses_to_keep_its_data_in_SQLite(string provider)
    {
        var result = new FunctionsAppStorage(Environment(Environments.Production)).Validate(null, new StorageOptions { Provider = provider });

        Assert.True(result.Failed);
        Assert.Contains("Storage__Provider=Postgres", Assert.Single(result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void On_PostgreSQL_or_in_Development_the_app_starts()
    {
        Assert.True(new FunctionsAppStorage(Environment(Environments.Production))
            .Validate(null, new StorageOptions { Provider = "Postgres", PostgresConnectionString = "Host=db;Database=care" }).Succeeded);
        Assert.True(new FunctionsAppStorage(Environment(Environments.Development)).Validate(null, new StorageOptions { Provider = "Sqlite" }).Succeeded);
    }

    [Fact]
    public async Task The_worker_serializer_writes_payloads_as_the_workflow_converter_does()
    {
        await using var app = await FunctionsTestApp.StartAsync(Engine.TestHost, TestSettings.PublicBaseUrl);
        var serializer = Assert.IsType<JsonObjectSerializer>(app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer);
        var value = new Acknowledgement("u-1", "Anna", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal(DurableTaskHosting.DataConverter.Serialize(value), serializer.Serialize(value, typeof(Acknowledgement), CancellationToken.None).ToString());
        Assert.Equal("\"Discharged\"", serializer.Serialize(MessageType.Discharged, typeof(MessageType), CancellationToken.None).ToString());
        Assert.Equal("\"Discharged\"", DurableTaskHosting.DataConverter.Serialize(MessageType.Discharged));
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
