using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// Each regional system's own key (Intake:Senders), bound to the care providers or wards it sends for, and the
/// coordinators' API opened by a coordinator key (Coordinators:ApiKeys), not by an intake key unless allowed.
/// </summary>
public sealed class SenderKeysTests
{
    private const string VisbyKey = "visby-key-0123456789abcdefghij";
    private const string OtherKey = "other-key-0123456789abcdefghij";
    private const string CoordinatorKey = "kommun-key-0123456789abcdefghi";

    private static readonly string[] Settings =
    [
        $"--Intake:Senders:visby:Key={VisbyKey}", "--Intake:Senders:visby:SendsFor=SE2321000131",
        $"--Intake:Senders:other:Key={OtherKey}", "--Intake:Senders:other:SendsFor=SE2321000999-E000000000001",
        $"--Coordinators:ApiKeys:kommun={CoordinatorKey}",
        // As a deployment that has not opted in (the tests' other services have).
        "--Intake:ApiKeyOpensCoordinatorApi=false",
    ];

    [Fact]
    public async Task A_senders_key_sends_for_its_own_care_provider_and_gets_403_for_another()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, Settings);
        var message = TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode());

        using var foreign = await Client(service, OtherKey).PostAsJsonAsync("/api/transitions", message);
        using var own = await Client(service, VisbyKey).PostAsJsonAsync("/api/transitions", message);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("may not send for ward SE2321000131-E000000012345", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    [Fact]
    public async Task Two_systems_may_use_the_same_messageId_for_different_episodes()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, Settings);

        using var fromVisby = await Client(service, VisbyKey).PostAsJsonAsync("/api/transitions", WithId(TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []), "1"));
        using var fromShared = await service.Api.PostAsJsonAsync("/api/transitions", WithId(TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []), "1"));
        using var visbyAgain = await Client(service, VisbyKey).PostAsJsonAsync("/api/transitions", WithId(TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []), "1"));

        Assert.Equal(HttpStatusCode.Accepted, fromVisby.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromShared.StatusCode);
        // Within one system a messageId still names one message.
        Assert.Equal(HttpStatusCode.Conflict, visbyAgain.StatusCode);
    }

    [Fact]
    public async Task The_coordinators_api_opens_with_a_coordinator_key_and_not_with_an_intake_key_unless_allowed()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, Settings);

        using var sharedIntakeKey = await service.Api.GetAsync("/api/transitions");
        using var senderKey = await Client(service, VisbyKey).GetAsync("/api/transitions");
        using var coordinatorKey = await Client(service, CoordinatorKey).GetAsync("/api/transitions");
        using var coordinatorKeyAtIntake = await Client(service, CoordinatorKey).PostAsJsonAsync("/api/transitions", TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []));

        Assert.Equal(HttpStatusCode.Unauthorized, sharedIntakeKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, senderKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, coordinatorKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, coordinatorKeyAtIntake.StatusCode);
    }

    [Fact]
    public void A_sender_without_a_long_enough_key_or_with_a_bad_HSA_id_stops_the_start_naming_each()
    {
        var options = new CareTransitions.Configuration.IntakeOptions
        {
            Senders = { ["visby"] = new() { Key = "k3y-Sh0rt", SendsFor = "SE2321000131, Visby lasarett" }, ["tom"] = new() },
        };

        var problems = new CareTransitions.Configuration.Validation.IntakeOptionsValidator(
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" }).Validate(null, options).Failures!.ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Intake:Senders:visby:Key (secret, value not shown) is shorter than 24", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Intake:Senders:visby:SendsFor='Visby lasarett' is not an HSA-id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Intake:Senders:tom:Key is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Intake:Senders:tom:SendsFor is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("k3y-Sh0rt", StringComparison.Ordinal));
    }

    private static HttpClient Client(ServiceHost service, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    private static JsonObject WithId(JsonObject message, string id)
    {
        message["messageId"] = id;
        return message;
    }
}
