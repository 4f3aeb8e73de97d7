using System.Runtime.InteropServices;

namespace CareTransitions.Storage;

/// <summary>
/// Files and folders the process creates from now on are its user's alone (umask 077): the databases, their journals,
/// the development secrets and the mail pickup folder hold personal data and keys, and SQLite creates its files with
/// the process's umask (0644 by default).
/// </summary>
public static partial class OwnerOnlyFiles
{
    public static void ForThisProcess()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
