namespace Durable.Backend.Tests.Payloads;

public sealed record Chunk(int Index, string Data);

public class LargePayloadTests
{
    private const int OneAndAHalfMiB = 3 * 512 * 1024;
    private const int EightHundredKB = 800 * 1000;

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_activity_result_of_one_and_a_half_MiB_survives_in_a_history_of_over_one_MiB(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("KeepsABigResult", async ctx =>
            {
                var big = await ctx.CallActivityAsync<string>("MakeBig", OneAndAHalfMiB);

                // Two more steps, so the big result is replayed from past history, which is then over 1 MiB.
                var first = await ctx.CallActivityAsync<string>("Measure", big);
                var second = await ctx.CallActivityAsync<string>("Measure", big[..10]);
                return $"{big.Length} {first} {second} {big[^1]}";
            })
            .AddActivityFunc<int, string>("MakeBig", (_, length) => new string('x', length - 1) + "!")
            .AddActivityFunc<string, string>("Measure", (_, text) => text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var done = await durable.Client.RunAsync("KeepsABigResult");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal($"{OneAndAHalfMiB} {OneAndAHalfMiB} 10 !", done.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Activities_scheduled_in_one_step_with_inputs_over_4_MB_together_go_out_in_a_chunked_completion_and_all_run(string engine)
    {
        // Each action fits in a gRPC message; all six together do not, so the worker splits the step's completion.
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<long>("SchedulesBigInputs", async ctx =>
            {
                var chunks = Enumerable.Range(0, 6).Select(i => new Chunk(i, new string((char)('a' + i), EightHundredKB)));
                var sizes = await Task.WhenAll(chunks.Select(c => ctx.CallActivityAsync<long>("Weigh", c)));
                return sizes.Sum();
            })
            .AddActivityFunc<Chunk, long>("Weigh", (_, chunk) => Weigh(chunk)));

        var done = await durable.Client.RunAsync("SchedulesBigInputs");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(6L * EightHundredKB, done.ReadOutputAs<long>());
    }

    // Not on the reference: it is about our dispatcher's streamed history (and the in-memory host takes 10 s over this).
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task A_step_started_by_a_quick_result_while_its_big_siblings_are_still_going_out_streams_its_own_history(string engine)
    {
        // On PostgreSQL the backend keeps the lease and starts the next step on the first result, in memory. Here that
        // result comes while the first step is still writing its other activities to the worker, so for a moment both
        // steps are out; the streamed history must be the second step's, not the first step's (which is empty).
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<long>("QuickThenBig", async ctx =>
            {
                var quick = ctx.CallActivityAsync<long>("Weigh", new Chunk(0, "a"));
                var big = Enumerable.Range(1, 8).Select(i => ctx.CallActivityAsync<long>("Weigh", new Chunk(i, new string((char)('a' + i), OneAndAHalfMiB)))).ToList();
                var sizes = await Task.WhenAll(big.Prepend(quick));
                return sizes.Sum();
            })
            .AddActivityFunc<Chunk, long>("Weigh", (_, chunk) => Weigh(chunk)));

        // Three at once, as the moment is short: before the fix, one alone failed in 1 run of 6, three together in 6 of 6.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => durable.Client.RunAsync("QuickThenBig")));

        Assert.All(runs, done =>
        {
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            Assert.Equal(1 + (8L * OneAndAHalfMiB), done.ReadOutputAs<long>());
        });
    }

    /// <summary>The chunk's length if it arrived whole (every character its own letter), else -1.</summary>
    private static long Weigh(Chunk chunk) => chunk.Data.All(ch => ch == (char)('a' + chunk.Index)) ? chunk.Data.Length : -1;
}
