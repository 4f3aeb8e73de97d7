using System.Text;
using System.Text.Json;
using Azure.Core.Serialization;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Platform.Storage;

namespace CareTransitions.Functions.Tests;

/// <summary>What the app's Program decides before any function runs.</summary>
public sealed class AppStartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite")]
    public void Outside_Development_the_app_refuses_to_keep_its_data_in_SQLite(string? provider)
    {
        var result = new FunctionsAppStorage(Environment(Environments.Production)).Validate(null, Storage(("Storage:Provider", provider)));

        Assert.True(result.Failed);
        Assert.StartsWith("Storage:Provider='Sqlite' cannot be used by the Functions app outside Development", Assert.Single(result.Failures), StringComparison.Ordinal);
        Assert.Contains("Storage__Provider=Postgres", Assert.Single(result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void On_PostgreSQL_or_in_Development_the_app_starts()
    {
        Assert.True(new FunctionsAppStorage(Environment(Environments.Production))
            .Validate(null, Storage(("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", "Host=db;Database=care"))).Succeeded);
        Assert.True(new FunctionsAppStorage(Environment(Environments.Development)).Validate(null, Storage(("Storage:Provider", "Sqlite"))).Succeeded);
    }

    [Fact]
    public void An_unknown_provider_is_named_once_by_the_topology_not_again_by_the_app()
    {
        var storage = Storage(("Storage:Provider", "Mysql"));

        Assert.True(new FunctionsAppStorage(Environment(Environments.Production)).Validate(null, storage).Succeeded);
        Assert.StartsWith("Storage:Provider='Mysql' is not a store", Assert.Single(storage.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_serializer_of_the_worker_reads_the_orchestration_input_the_workflow_stores()
    {
        // The host's orchestration context reads the input with IOptions<JsonSerializerOptions>; activities, outputs
        // and the client use WorkerOptions.Serializer; API bodies ASP.NET Core's JSON options. Days are names here.
        var start = new TransitionStart("ct-1", new WorkflowSettings(
            TimeSpan.FromHours(4), TimeSpan.FromHours(24),
            new OfficeHours("Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(17, 0), [DayOfWeek.Monday, DayOfWeek.Friday]),
            PaymentResponsibilityRule.Default3Days));
        var stored = DurableTaskHosting.DataConverter.Serialize(start);
        Assert.Contains("\"Monday\"", stored, StringComparison.Ordinal);

        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(Environment(Environments.Production));
        services.AddCareTransitionsFunctionsApp(new ConfigurationBuilder().AddInMemoryCollection().Build());
        using var provider = services.BuildServiceProvider();
        var workerSerializer = Assert.IsType<JsonObjectSerializer>(provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer);
        var readers = new Dictionary<string, Func<string, TransitionStart?>>
        {
            ["IOptions<JsonSerializerOptions>"] = json => JsonSerializer.Deserialize<TransitionStart>(json, provider.GetRequiredService<IOptions<JsonSerializerOptions>>().Value),
            ["WorkerOptions.Serializer"] = json => (TransitionStart?)workerSerializer.Deserialize(new MemoryStream(Encoding.UTF8.GetBytes(json)), typeof(TransitionStart), CancellationToken.None),
            ["HTTP JsonOptions"] = json => JsonSerializer.Deserialize<TransitionStart>(json, provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions),
        };

        Assert.NotEmpty(readers);
        foreach (var (name, read) in readers)
        {
            var read1 = read(stored);
            Assert.True(read1 is not null, name);
            Assert.Equal(start.Settings.OfficeHours.Days, read1.Settings.OfficeHours.Days);
            Assert.Equal(stored, DurableTaskHosting.DataConverter.Serialize(read1));
        }

        Assert.Equal("\"Discharged\"", workerSerializer.Serialize(MessageType.Discharged, typeof(MessageType), CancellationToken.None).ToString());
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private static StorageTopology Storage(params (string Key, string? Value)[] settings) =>
        StorageTopology.Resolve(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build());
}
