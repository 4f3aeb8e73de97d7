using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>A messageId delivered again: still 202 and nothing changes, but the answer says it was a repeat and of what.</summary>
public abstract class IntakeDuplicateTests(ServiceFixture fixture)
{
    private readonly ServiceHost service = fixture.Service;

    [Fact]
    public async Task An_identical_redelivery_is_answered_202_marked_as_a_duplicate_of_the_stored_type()
    {
        var message = TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode()));

        var (first, firstBody) = await this.PostAsync(message);
        var (again, againBody) = await this.PostAsync(message);

        Assert.False(firstBody.GetProperty("duplicate").GetBoolean());
        Assert.False(firstBody.TryGetProperty("storedMessageType", out _));
        Assert.False(first.Headers.Contains("X-Duplicate-Message"));
        Assert.Equal(firstBody.GetProperty("id").GetString(), againBody.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(againBody.GetProperty("duplicate").GetBoolean());
        Assert.Equal("ReadyForDischarge", againBody.GetProperty("storedMessageType").GetString());
        Assert.True(againBody.GetProperty("firstReceivedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(["true"], again.Headers.GetValues("X-Duplicate-Message"));
        // The answer keeps every field it had, in the same order, and adds its own.
        Assert.Equal(firstBody.EnumerateObject().Select(p => p.Name), againBody.EnumerateObject().Select(p => p.Name).Take(firstBody.EnumerateObject().Count()));
        AssertNoPersonalData(againBody);
    }

    [Fact]
    public async Task A_messageId_reused_for_other_content_is_answered_202_naming_the_first_deliverys_type_and_changes_nothing()
    {
        var episode = TestMessages.NewEpisode();
        var original = TestMessages.Create("AdmissionNotice", episode, needs: []);
        var id = await this.service.SubmitAsync(original);
        var before = await this.service.WaitForAsync(id, t => t.GetProperty("status").GetProperty("deadlines").GetProperty("admittedAt").ValueKind == JsonValueKind.String);

        var other = TestMessages.Create("ReadyForDischarge", episode, messageId: original["messageId"]!.GetValue<string>());
        var (answer, body) = await this.PostAsync(other);

        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("AdmissionNotice", body.GetProperty("storedMessageType").GetString());
        Assert.Equal(["true"], answer.Headers.GetValues("X-Duplicate-Message"));
        AssertNoPersonalData(body);
        // The first delivery won: a later marker is handled, and the ignored ReadyForDischarge never reached the transition.
        var after = await this.service.SendMarkerAndWaitAsync(id, episode);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("status").GetProperty("deadlines").GetProperty("readyForDischargeAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("status").GetProperty("deadlines").GetProperty("readyForDischargeAt").ValueKind);
    }

    [Fact]
    public async Task The_queue_shaped_route_marks_a_redelivery_too()
    {
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());
        var envelope = new JsonObject { ["Data"] = new JsonObject { ["message"] = message.ToJsonString() } };

        using var first = await this.service.Api.PostAsJsonAsync("/api/queues/transitions", envelope);
        using var again = await this.service.Api.PostAsJsonAsync("/api/queues/transitions", envelope);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(first.Headers.Contains("X-Duplicate-Message"));
        Assert.Equal(["true"], again.Headers.GetValues("X-Duplicate-Message"));
        var log = Assert.Single((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Logs").EnumerateArray()).GetString();
        Assert.StartsWith("Duplicate of ReadyForDischarge accepted ", log, StringComparison.Ordinal);
    }

    private async Task<(HttpResponseMessage Answer, JsonElement Body)> PostAsync(JsonObject message)
    {
        var answer = await this.service.Api.PostAsJsonAsync("/api/transitions", message);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return (answer, await answer.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static void AssertNoPersonalData(JsonElement body)
    {
        var text = body.GetRawText();
        Assert.DoesNotContain(TestMessages.TestPersonnummer, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestMessages.TestPatientName, text, StringComparison.Ordinal);
    }
}

/// <summary>Redeliveries on SQLite files.</summary>
public sealed class IntakeDuplicateOnSqliteTests(ServiceFixture fixture) : IntakeDuplicateTests(fixture), IClassFixture<ServiceFixture>;

/// <summary>Redeliveries on PostgreSQL, whose first-delivery time is a timestamptz.</summary>
public sealed class IntakeDuplicateOnPostgresTests(PostgresServiceFixture fixture) : IntakeDuplicateTests(fixture), IClassFixture<PostgresServiceFixture>;
