using Dashboard.Tests.Support;

namespace Dashboard.Tests.Storage;

public sealed class RecorderTests : IDisposable
{
    private readonly TempStatistics _store = new();

    [Fact]
    public async Task RecordAsync_UnknownCareType_ThrowsBeforeWriting()
    {
        var bad = Outcome.Discharged(Outcome.Jan10, 1) with { CareType = "Dental" };

        await Assert.ThrowsAsync<ArgumentException>(() => _store.Recorder.RecordAsync(bad));
        Assert.Equal(0, _store.Compute(new(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31))).Period.Episodes);
    }

    [Fact]
    public async Task MigrateAsync_NewStore_CreatesFolderAndWalDatabase()
    {
        using var store = new TempStatistics(migrate: false);
        Assert.False(File.Exists(store.DatabasePath));

        await store.Database.MigrateAsync(CancellationToken.None);

        Assert.True(File.Exists(store.DatabasePath));
        using var connection = store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose() => _store.Dispose();
}
