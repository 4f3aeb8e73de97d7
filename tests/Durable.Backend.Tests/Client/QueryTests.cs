namespace Durable.Backend.Tests.Client;

public class QueryTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_query_in_pages_of_two_returns_every_matching_instance_exactly_once(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var ids = await StartEchoes(durable.Client, "paged-", 5);
        await StartEchoes(durable.Client, "other-", 2);

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in durable.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "paged-", PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        var seen = pages.SelectMany(p => p.Values).Select(i => i.InstanceId).ToList();
        Assert.Equal(ids.Order(), seen.Order());
        Assert.All(pages, p => Assert.True(p.Values.Count <= 2, $"a page of {p.Values.Count}"));
        Assert.True(pages.Count >= 3, $"{pages.Count} pages for 5 instances at 2 a page");
        Assert.NotNull(pages[0].ContinuationToken);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_query_from_a_continuation_token_goes_on_where_the_page_before_ended(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var ids = await StartEchoes(durable.Client, "token-", 5);
        var query = new OrchestrationQuery { InstanceIdPrefix = "token-", PageSize = 2 };

        Page<OrchestrationMetadata>? first = null;
        await foreach (var page in durable.Client.GetAllInstancesAsync(query).AsPages())
        {
            first = page;
            break;
        }

        var rest = new List<string>();
        await foreach (var instance in durable.Client.GetAllInstancesAsync(query with { ContinuationToken = first!.ContinuationToken }))
        {
            rest.Add(instance.InstanceId);
        }

        Assert.Equal(2, first.Values.Count);
        Assert.Equal(ids.Order(), first.Values.Select(i => i.InstanceId).Concat(rest).Order());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_query_by_status_returns_only_instances_in_those_statuses(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var completed = await StartEchoes(durable.Client, "done-", 2);
        var failed = await durable.Client.RunAsync(Orchestrators.Fails, new Ticket("x", 1), instanceId: "failed-1");
        var running = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            running.Add(await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new StartOrchestrationOptions($"running-{i}")));
            await durable.Client.UntilCustomStatusAsync($"running-{i}", "waiting");
        }

        Assert.Equal(running, await IdsAsync(durable.Client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(completed, await IdsAsync(durable.Client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal(
            [.. completed, failed.InstanceId],
            await IdsAsync(durable.Client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed] }));
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_query_by_created_range_returns_only_instances_created_inside_it(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var early = await StartEchoes(durable.Client, "early-", 2);
        await Task.Delay(200);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(200);
        var late = await StartEchoes(durable.Client, "late-", 2);

        Assert.Equal(late, await IdsAsync(durable.Client, new OrchestrationQuery { CreatedFrom = between }));
        Assert.Equal(early, await IdsAsync(durable.Client, new OrchestrationQuery { CreatedTo = between }));
        Assert.Equal(
            [.. early, .. late],
            await IdsAsync(durable.Client, new OrchestrationQuery { CreatedFrom = between.AddMinutes(-5), CreatedTo = DateTimeOffset.UtcNow.AddMinutes(5) }));
    }

    // Ours only: the reference always includes them (see the test below).
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task A_query_includes_inputs_and_outputs_only_when_asked(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        await StartEchoes(durable.Client, "io-", 1);

        var bare = await SingleAsync(durable.Client, new OrchestrationQuery { FetchInputsAndOutputs = false });
        var full = await SingleAsync(durable.Client, new OrchestrationQuery { FetchInputsAndOutputs = true });

        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Equal(new Ticket("io-0", 1), full.ReadInputAs<Ticket>());
        Assert.Equal("io-0", full.ReadOutputAs<string>());
    }

    // Reference quirk: its query response (ProtobufUtils.CreateQueryInstancesResponse in 0.2.3-preview.1) copies
    // input, output and custom status whatever FetchInputsAndOutputs says.
    [Theory, InlineData(DurableEngine.Reference)]
    public async Task Reference_includes_inputs_and_outputs_in_query_results_even_when_not_asked(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        await StartEchoes(durable.Client, "io-", 1);

        var bare = await SingleAsync(durable.Client, new OrchestrationQuery { FetchInputsAndOutputs = false });

        // The client's ReadInputAs refuses metadata fetched without inputs, but the raw payloads are there.
        Assert.Equal("""{"Subject":"io-0","Priority":1}""", bare.SerializedInput);
        Assert.Equal("\"io-0\"", bare.SerializedOutput);
    }

    /// <summary>Runs <paramref name="count"/> Echo instances named prefix0, prefix1, … to completion.</summary>
    private static async Task<List<string>> StartEchoes(DurableTaskClient client, string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await client.RunAsync(Orchestrators.Echo, new Ticket($"{prefix}{i}", 1), instanceId: $"{prefix}{i}")).InstanceId);
        }

        return ids;
    }

    private static async Task<List<string>> IdsAsync(DurableTaskClient client, OrchestrationQuery query)
    {
        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(query))
        {
            ids.Add(instance.InstanceId);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static async Task<OrchestrationMetadata> SingleAsync(DurableTaskClient client, OrchestrationQuery query)
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(query))
        {
            all.Add(instance);
        }

        return Assert.Single(all);
    }
}
