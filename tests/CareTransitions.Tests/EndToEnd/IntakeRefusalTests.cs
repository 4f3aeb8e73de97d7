using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareTransitions.Intake;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>What intake refuses, and that a refusal leaves nothing behind.</summary>
public abstract class IntakeRefusalTests(ServiceFixture fixture)
{
    private readonly ServiceHost service = fixture.Service;

    [Fact]
    public async Task Bad_input_is_answered_400_naming_every_bad_field_and_nothing_is_stored()
    {
        var message = TestMessages.Create("Whatever", TestMessages.NewEpisode());
        message["messageId"] = "";
        message["occurredAt"] = "2026-11-22T09:30:00";
        message["patient"]!["personalIdentityNumber"] = "19121212-1213";
        message["patient"]!["municipalityCode"] = "14800";
        message["ward"]!["hsaId"] = "not-an-hsa-id";
        message["careType"] = "Dental";
        message["expectedDischargeDate"] = "25/11/2026";
        message["needs"] = new JsonArray("HomeCare", "Massage");

        using var response = await this.service.Api.PostAsJsonAsync("/api/transitions", message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(
            ["careType", "expectedDischargeDate", "messageId", "needs[1]", "occurredAt", "patient.municipalityCode", "patient.personalIdentityNumber", "type", "ward.hsaId"],
            errors);
        Assert.DoesNotContain("19121212", body, StringComparison.Ordinal);
        await this.AssertNothingStoredAsync(TransitionIds.For(TestMessages.WardHsaId, message["episodeId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400_problem()
    {
        using var response = await this.service.Api.PostAsync("/api/transitions", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_key_is_refused_with_401(string? key)
    {
        using var client = new HttpClient { BaseAddress = new Uri(this.service.BaseUrl) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());
        using var post = await client.PostAsJsonAsync("/api/transitions", message);
        using var list = await client.GetAsync("/api/transitions");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        await this.AssertNothingStoredAsync(TransitionIds.For(TestMessages.WardHsaId, message["episodeId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/transitions")]
    [InlineData("/api/queues/transitions")]
    [InlineData("/api/transitions?status=Running")]
    public async Task A_missing_key_and_a_wrong_key_are_told_apart_in_English_and_the_key_is_never_echoed(string path)
    {
        const string WrongKey = "wr0ng-key-Zq7";
        using var missing = await SendAsync(path, key: null);
        using var wrong = await SendAsync(path, WrongKey);

        var missingProblem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        var wrongProblem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, wrong.StatusCode));
        Assert.Equal("API key missing", missingProblem.GetProperty("title").GetString());
        Assert.Equal("API key not recognised", wrongProblem.GetProperty("title").GetString());
        Assert.StartsWith("Send the API key in the 'x-functions-key' header", missingProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The key in the 'x-functions-key' header ", wrongProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        async Task<HttpResponseMessage> SendAsync(string target, string? key)
        {
            using var client = new HttpClient { BaseAddress = new Uri(this.service.BaseUrl) };
            if (key is not null)
            {
                client.DefaultRequestHeaders.Add("x-functions-key", key);
            }

            return target.Contains('?', StringComparison.Ordinal)
                ? await client.GetAsync(target)
                : await client.PostAsJsonAsync(target, TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode()));
        }
    }

    [Fact]
    public async Task An_unknown_municipality_is_a_clear_422_and_nothing_is_started()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), municipalityCode: "2584");
        using var response = await this.service.Api.PostAsJsonAsync("/api/transitions", message);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2584", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await this.AssertNothingStoredAsync(TransitionIds.For(TestMessages.WardHsaId, message["episodeId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_messageId_reused_for_another_episode_is_a_409()
    {
        var first = TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []);
        await this.service.SubmitAsync(first);
        var other = TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: [], messageId: first["messageId"]!.GetValue<string>());

        using var response = await this.service.Api.PostAsJsonAsync("/api/transitions", other);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await this.AssertNothingStoredAsync(TransitionIds.For(TestMessages.WardHsaId, other["episodeId"]!.GetValue<string>()));
    }

    private async Task AssertNothingStoredAsync(string transitionId)
    {
        Assert.Null(await this.service.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(transitionId));
        await using var connection = await this.service.Services.GetRequiredService<AppDatabase>().OpenAsync();
        var rows = await connection.QuerySingleOrDefaultAsync(
            "SELECT (SELECT COUNT(*) FROM processed_messages WHERE transition_id = @Id) + (SELECT COUNT(*) FROM audit_log WHERE transition_id = @Id)",
            new { Id = transitionId }, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, rows);
    }
}

/// <summary>Intake refusals on SQLite files.</summary>
public sealed class IntakeRefusalOnSqliteTests(ServiceFixture fixture) : IntakeRefusalTests(fixture), IClassFixture<ServiceFixture>;

/// <summary>Intake refusals on PostgreSQL (app data, statistics and the durable backend in one database).</summary>
public sealed class IntakeRefusalOnPostgresTests(PostgresServiceFixture fixture) : IntakeRefusalTests(fixture), IClassFixture<PostgresServiceFixture>;
