using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// The service loses its PostgreSQL database (a relay in front of it resets every connection and refuses new ones)
/// and gets it back, without a restart.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Without_its_database_the_service_stays_alive_answers_503_and_stores_nothing_then_recovers_by_itself()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, "--Storage:Provider=Postgres", $"--ConnectionStrings:Postgres={throughRelay}");
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var before = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        await mail.WaitForAsync(e => e.MessageId.Contains(before, StringComparison.Ordinal), 2);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);

        relay.Cut();

        var notReady = await anonymous.UntilStatusAsync("/readyz", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        Assert.Equal("application/problem+json", notReady.Content.Headers.ContentType?.MediaType);
        var problem = await notReady.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ["app store", "durable backend", "statistics store"],
            problem.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Contains("app store", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/healthz"));
        // The durable client's failure (the backend's store is down too) is an outage, not a bug: 503, not 500.
        var durable = await Assert.ThrowsAnyAsync<Exception>(() => service.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("ct-any"));
        Assert.True(StoreOutages.IsOutage(durable, service.Services.GetServices<StoreOutageRule>()), durable.ToString());

        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []);
        var messageId = message["messageId"]!.GetValue<string>();
        using (var refused = await service.Api.PostAsJsonAsync("/api/transitions", message))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("try again", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0L, await store.QueryAsync<long>($"SELECT count(*) FROM app.processed_messages WHERE message_id = '{messageId}'"));
        Assert.Equal(0L, await store.QueryAsync<long>($"SELECT count(*) FROM app.audit_log WHERE detail LIKE '%{messageId}%'"));

        relay.Restore();

        // The sender retries as Retry-After says; the same service, never restarted, takes the message once the database answers.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        string? id = null;
        do
        {
            await Task.Delay(500);
            using var retry = await service.Api.PostAsJsonAsync("/api/transitions", message);
            status = retry.StatusCode;
            if (status == HttpStatusCode.Accepted)
            {
                id = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            }
        }
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Accepted, status);
        await mail.WaitForAsync(e => e.MessageId.Contains(id!, StringComparison.Ordinal), 2, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.UntilStatusAsync("/readyz", HttpStatusCode.OK, TimeSpan.FromSeconds(20))).StatusCode);
        Assert.Equal(1L, await store.QueryAsync<long>($"SELECT count(*) FROM app.processed_messages WHERE message_id = '{messageId}'"));
    }
}
