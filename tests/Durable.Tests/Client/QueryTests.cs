using Durable.Testing;

namespace Durable.Tests.Client;

public class QueryTests
{
    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(d => d
        .AddOrchestratorFunc<string, string>("Quick", (_, input) => Task.FromResult(input))
        .AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));

    [Fact]
    public async Task QueryInstancesAsync_PageSize2Over5_ReturnsEveryInstanceOnceNewestFirst()
    {
        await using var host = await StartAsync();
        // Scheduled at once, so several share a creation millisecond and the id has to break ties.
        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", $"{i}", new($"page-{i}"))));

        var pages = new List<Page<OrchestrationMetadata>>();
        var query = new OrchestrationQuery { PageSize = 2, InstanceIdPrefix = "page-" };
        do
        {
            var page = await host.Client.QueryInstancesAsync(query);
            pages.Add(page);
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Values.Count));
        var seen = pages.SelectMany(p => p.Values).ToList();
        Assert.Equal(ids.Order(), seen.Select(i => i.InstanceId).Order());
        Assert.Equal(seen.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.InstanceId, StringComparer.Ordinal), seen);
        Assert.Equal(5, (await host.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 2 }).ToListAsync()).Count);
    }

    [Fact]
    public async Task QueryInstancesAsync_ByStatusAndName_ReturnsOnlyMatchingInstances()
    {
        await using var host = await StartAsync();
        foreach (var i in Enumerable.Range(0, 3))
        {
            await host.CompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x", new($"quick-{i}")));
        }

        foreach (var i in Enumerable.Range(0, 2))
        {
            await host.RunningAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x", new($"waits-{i}")));
        }

        var running = await host.Client.QueryInstancesAsync(new() { Statuses = [OrchestrationRuntimeStatus.Running] });
        var completed = await host.Client.QueryInstancesAsync(new() { Statuses = [OrchestrationRuntimeStatus.Completed] });
        var either = await host.Client.QueryInstancesAsync(new()
        {
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running],
        });
        var byName = await host.Client.QueryInstancesAsync(new() { Name = "Waits" });
        var none = await host.Client.QueryInstancesAsync(new() { Name = "Quick", Statuses = [OrchestrationRuntimeStatus.Running] });

        Assert.Equal(["waits-0", "waits-1"], running.Values.Select(i => i.InstanceId).Order());
        Assert.Equal(["quick-0", "quick-1", "quick-2"], completed.Values.Select(i => i.InstanceId).Order());
        Assert.Equal(5, either.Values.Count);
        Assert.Equal(["waits-0", "waits-1"], byName.Values.Select(i => i.InstanceId).Order());
        Assert.Empty(none.Values);
        Assert.Null(none.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_CreatedRange_ReturnsInstancesCreatedFromInclusiveToExclusive()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x", new("before"));
        await Task.Delay(20);
        var from = DateTime.UtcNow;
        await Task.Delay(20);
        foreach (var i in Enumerable.Range(0, 3))
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x", new($"inside-{i}"));
        }

        await Task.Delay(20);
        var to = DateTime.UtcNow;
        await Task.Delay(20);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x", new("after"));

        var inside = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedFrom = from, CreatedTo = to, PageSize = 2 }).ToListAsync();
        var since = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedFrom = from }).ToListAsync();

        Assert.Equal(["inside-0", "inside-1", "inside-2"], inside.Select(i => i.InstanceId).Order());
        Assert.Equal(4, since.Count);
        Assert.All(inside, i => Assert.InRange(i.CreatedAt, from.AddMilliseconds(-1), to));
    }

    [Fact]
    public async Task QueryInstancesAsync_FetchInputsAndOutputs_IncludesThemOnlyWhenAsked()
    {
        await using var host = await StartAsync();
        await host.CompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "payload"));

        var without = (await host.Client.QueryInstancesAsync(new())).Values.Single();
        var with = (await host.Client.QueryInstancesAsync(new() { FetchInputsAndOutputs = true })).Values.Single();

        Assert.Null(without.SerializedInput);
        Assert.Null(without.SerializedOutput);
        Assert.Equal("payload", with.ReadInputAs<string>());
        Assert.Equal("payload", with.ReadOutputAs<string>());
    }
}
