using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Platform.Storage;

namespace CareTransitions.Functions.Tests;

/// <summary>The Functions app's /healthz and /readyz functions over the library's checks, on a real store.</summary>
public sealed class HealthFunctionsTests
{
    [Fact]
    public async Task Readiness_answers_503_naming_the_app_store_when_its_schema_is_not_migrated_while_liveness_stays_200()
    {
        await using var app = await FunctionsTestApp.StartAsync(Engine.Ours, TestSettings.PublicBaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/readyz")).StatusCode);

        // An older release's backup (version 1, counted in user_version) restored under the running app: reachable, but not the schema its SQL expects.
        var appDb = app.Services.GetRequiredService<StorageTopology>().App.SqlitePath;
        await using (var connection = new SqliteConnection($"Data Source={appDb}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE schema_versions; PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var response = await app.Http.UntilStatusAsync("/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal<string>(["app store"], problem.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.StartsWith("not migrated: schema version 1", problem.GetProperty("reasons").GetProperty("app store").GetString(), StringComparison.Ordinal);
        Assert.Contains("app store (not migrated", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", await app.Http.GetStringAsync("/healthz"));
    }
}
