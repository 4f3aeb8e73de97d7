using CareTransitions.AccessLogging;
using CareTransitions.Handover;
using CareTransitions.Storage;
using Microsoft.Extensions.Options;

namespace CareTransitions.Privacy;

/// <summary>
/// Keeps only what the process still needs: acknowledgement tokens are deleted 30 days after they
/// expire (until then an old link still gets the friendly "expired" page rather than "unknown"), and a
/// signed-out session's revocation once the session would have expired, and a finished transition's personal data
/// (identity, plan, conversation) <c>PersonalData:Retention</c> after it ended; its pseudonymised statistics stay.
/// The audit trail is kept: Patientdatalagen requires
/// access logs. The access log of patient data is kept for <c>AccessLog:Retention</c> (ten years unless the region says otherwise). The engine's history of finished transitions is purged by <c>Durable:CompletedInstanceRetention</c>.
/// </summary>
internal sealed partial class RetentionCleanup(
    AppDatabase database,
    PersonalDataUpkeep personalData,
    IOptions<PersonalDataOptions> personalDataOptions,
    AccessLog accessLog,
    IOptions<AccessLogOptions> accessLogOptions,
    TimeProvider clock,
    ILogger<RetentionCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan KeepExpiredTokensFor = TimeSpan.FromDays(30);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM ack_tokens WHERE expires_at < @Before",
            new { Before = clock.GetUtcNow() - KeepExpiredTokensFor },
            cancellationToken: cancellationToken);
        if (deleted > 0)
        {
            logger.ExpiredTokensDeleted(deleted);
        }

        // Signed-out sessions are remembered only until they would have expired by themselves.
        await connection.ExecuteAsync("DELETE FROM revoked_sessions WHERE revoked_until < @Now", new { Now = clock.GetUtcNow() }, cancellationToken: cancellationToken);
        var ended = await personalData.DeleteEndedBeforeAsync(clock.GetUtcNow() - personalDataOptions.Value.Retention, cancellationToken);
        if (ended > 0)
        {
            logger.PersonalDataDeleted(ended);
        }

        var accessLogDeleted = await accessLog.DeleteExpiredAsync(accessLogOptions.Value.Retention, cancellationToken);
        if (accessLogDeleted > 0)
        {
            logger.AccessLogEntriesDeleted(accessLogDeleted, accessLogOptions.Value.Retention);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await this.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy database now is no reason to stop cleaning later.
                logger.RetentionCleanupFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
