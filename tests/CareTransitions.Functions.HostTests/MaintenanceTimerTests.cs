using System.Net;
using CareTransitions.Functions.HostTests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>The timers (retention cleanup, purge of finished instances, the monthly report), fired through the host's own admin API.</summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class MaintenanceTimerTests(AppUnderHost app)
{
    [HostFact]
    public async Task Each_timer_runs_to_success_when_fired_through_the_admin_api_with_the_master_key()
    {
        string[] timers = ["RetentionCleanup", "PurgeFinishedInstances", "MonthlyReport"];

        Assert.NotEmpty(timers);
        foreach (var timer in timers)
        {
            using var response = await app.Host.InvokeThroughAdminAsync(timer);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await app.Host.WaitForOutputAsync($"Executed 'Functions.{timer}' (Succeeded", TimeSpan.FromSeconds(30));
        }
    }

    [HostFact]
    public async Task The_admin_api_wants_the_master_key_not_the_function_key()
    {
        var withFunctionKey = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/RetentionCleanup") { Content = new StringContent("""{"input":""}""") };
        withFunctionKey.Headers.Add("x-functions-key", app.Host.FunctionKey);

        using var functionKey = await app.Host.Http.SendAsync(withFunctionKey);
        using var noKey = await app.Host.Http.PostAsync("/admin/functions/RetentionCleanup", new StringContent("""{"input":""}"""));

        Assert.Equal(HttpStatusCode.Forbidden, functionKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }
}
