using CareTransitions.Storage;

namespace CareTransitions.Handover;

/// <summary>
/// <c>rotate-personal-data-keys</c>: re-seals every personal-data record under <c>PersonalData:CurrentKeyId</c>, then
/// says how many it moved. Run with the service's own settings after adding a key and making it current; the service
/// may keep running (a record is re-sealed only while still under its old key). Once it reports 0, the old key can go.
/// </summary>
public static class KeyRotationCommand
{
    public const string Name = "rotate-personal-data-keys";

    public static async Task RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var database = services.GetRequiredService<AppDatabase>();
        await database.MigrateAsync(cancellationToken);
        var cipher = services.GetRequiredService<PersonalDataCipher>();
        await output.WriteLineAsync($"Re-sealing personal data under key '{cipher.CurrentKeyId}' ({database.Description})…");
        var progress = new SynchronousProgress(count => output.WriteLine($"  {count} records re-sealed"));
        var total = await services.GetRequiredService<PersonalDataUpkeep>().RotateAsync(progress, cancellationToken);
        services.GetRequiredService<ILogger<PersonalDataUpkeep>>().PersonalDataResealed(total, cipher.CurrentKeyId);
        await output.WriteLineAsync($"Done: {total} records re-sealed; every record is now under '{cipher.CurrentKeyId}'.");
    }

    /// <summary>Reports on the caller's thread, so the lines come in order before "Done".</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
