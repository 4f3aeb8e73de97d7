namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// One backend process per SQLite store: an exclusive lock on a file beside the database, held for the
/// process's life and dropped by the operating system when the process dies, however it dies.
/// </summary>
internal static class StoreLock
{
    public static FileStream Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IncompatibleStoreException(
                $"{databasePath} is in use by another backend process (its lock {path} is held): stop that process or point this one at another data folder. ({e.Message})");
        }
    }
}
