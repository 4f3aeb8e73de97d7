using System.Net;
using System.Text;
using CareTransitions.Functions.HostTests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// The steering group's dashboard: served only with App Service Authentication on (WEBSITE_AUTH_ENABLED=True), and
/// then only to a signed-in user with the Styrgrupp role. This build of the host has no App Service Authentication
/// middleware, so the X-MS-CLIENT-PRINCIPAL a test sends passes through as the platform would pass a signed-in user's.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class DashboardAccessTests(AppUnderHost app)
{
    [HostFact]
    public async Task With_App_Service_Authentication_off_the_dashboard_is_not_served_even_to_a_forged_principal()
    {
        using var plain = await app.Host.Http.GetAsync("/dashboard");
        using var forged = await app.Host.Http.SendAsync(WithPrincipal("/dashboard", "Styrgrupp"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, plain.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, forged.StatusCode);
        Assert.Contains("Inloggningen är inte konfigurerad", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [HostFact]
    public async Task With_App_Service_Authentication_on_only_the_steering_group_sees_the_dashboard()
    {
        var host = await app.WithAuthenticationAsync();

        using var anonymous = await host.Http.GetAsync("/dashboard");
        using var otherRole = await host.Http.SendAsync(WithPrincipal("/dashboard", "Samordnare"));
        using var steering = await host.Http.SendAsync(WithPrincipal("/dashboard", "Styrgrupp"));
        using var statistics = await host.Http.SendAsync(WithPrincipal("/api/statistics", "Styrgrupp"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherRole.StatusCode);
        var page = await steering.Content.ReadAsStringAsync();
        Assert.True(steering.StatusCode == HttpStatusCode.OK, $"{(int)steering.StatusCode}: {page}");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, statistics.StatusCode);
    }

    /// <summary>What App Service Authentication puts in X-MS-CLIENT-PRINCIPAL for an Entra user with one app role.</summary>
    private static HttpRequestMessage WithPrincipal(string path, string role)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Eva Styrgrupp"},{"typ":"roles","val":"{{role}}"}]}""")));
        return request;
    }
}
