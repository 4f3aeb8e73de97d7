using Durable.Testing;
using Microsoft.Extensions.Logging;

namespace Durable.Tests.Worker;

public class LoggingTests
{
    [Fact]
    public async Task The_engine_logs_failed_activities_and_orchestrations_naming_the_instance()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await DurableTestHost.StartAsync(
            d => d
                .AddOrchestratorFunc<string, string>("Fails", (ctx, _) => ctx.CallActivityAsync<string>("Throws"))
                .AddActivityFunc<string, string>("Throws", (_, _) => throw new InvalidOperationException("boom")),
            TestLogging.Capture(logs));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fails");
        await host.CompletionAsync(id);

        bool Logged(string text) => logs.Lines.Any(l =>
            l.Category == "Durable.Worker" && l.Level == LogLevel.Warning && l.Message.StartsWith(text, StringComparison.Ordinal));

        // The outcome is logged just after the commit that completes the wait, so give it a moment.
        await HostWaits.Until(() => Task.FromResult(Logged($"Orchestration {id} (Fails) failed")), "the orchestration's failure to be logged");
        Assert.True(Logged($"Activity Throws (#0) of orchestration {id} failed: boom"));
    }
}
