using CareTransitions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Notifications;

/// <summary>
/// The mail server answers: connect, greeting, EHLO and TLS as configured, then QUIT; nothing is sent. It does not
/// log in: a wrong password is the send's failure (audited with its reason), and a probe every few seconds with a
/// wrong password could lock the service's account on the server.
/// </summary>
internal sealed class SmtpHealthCheck(IOptions<SmtpOptions> options) : IHealthCheck
{
    public const string Name = "smtp";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Server is not { } server)
        {
            return HealthCheckResult.Healthy("pickup folder");
        }

        try
        {
            using var client = await SmtpConnection.OpenAsync(server, authenticate: false, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return HealthCheckResult.Healthy(server.Address);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(SmtpFailureReason.Describe(e, server), e);
        }
    }
}
