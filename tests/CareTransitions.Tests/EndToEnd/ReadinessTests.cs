using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Health;
using CareTransitions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>/readyz beyond "the database answers": a store with the wrong schema, and checks other parts register.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task An_app_store_whose_schema_is_older_than_the_service_makes_readyz_503_naming_it_not_migrated()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail);
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);

        // As a restore, under the running service, of a backup the release before the version table took at version 1.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(service.Directory, "app.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE schema_versions; PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        using var response = await anonymous.UntilStatusAsync("/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal<string>(["app store"], problem.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Matches("^not migrated: schema version 1, this service needs [2-9]", problem.GetProperty("reasons").GetProperty("app store").GetString()!);
        Assert.Equal("Healthy", problem.GetProperty("checks").GetProperty("durable backend").GetString());
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task A_check_another_part_registers_with_the_readiness_tag_is_part_of_readyz_and_not_of_healthz()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ReadinessCache(sp.GetRequiredService<HealthCheckService>(), TimeProvider.System, TimeSpan.Zero));
        // As the SMTP server's check: registered elsewhere, only tagged.
        builder.Services.AddHealthChecks().AddCheck("smtp server", () => HealthCheckResult.Unhealthy("no answer within 5 s"), tags: [Readiness.Tag]);
        builder.Services.AddProblemDetails();
        await using var app = builder.Build();
        app.MapLiveness();
        app.MapReadiness();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no answer within 5 s", problem.GetProperty("reasons").GetProperty("smtp server").GetString());
        Assert.Contains("smtp server (no answer within 5 s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        await app.StopAsync();
    }
}
