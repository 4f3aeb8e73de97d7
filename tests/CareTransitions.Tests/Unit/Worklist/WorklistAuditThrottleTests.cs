using CareTransitions.Worklist;
using Microsoft.Extensions.Time.Testing;

namespace CareTransitions.Tests.UnitTests.Worklist;

public sealed class WorklistAuditThrottleTests
{
    [Fact]
    public void A_person_and_filter_are_recorded_once_per_window_and_again_after_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var throttle = new WorklistAuditThrottle(clock);

        Assert.True(throttle.ShouldRecord("hsa:A", "alla"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(throttle.ShouldRecord("hsa:A", "alla"));
        Assert.True(throttle.ShouldRecord("hsa:A", "försenade"));
        Assert.True(throttle.ShouldRecord("hsa:B", "alla"));
        clock.Advance(WorklistAuditThrottle.Window - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        Assert.False(throttle.ShouldRecord("hsa:A", "alla"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.ShouldRecord("hsa:A", "alla"));
    }
}
