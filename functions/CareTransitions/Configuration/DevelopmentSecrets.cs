using System.Security.Cryptography;

namespace CareTransitions.Configuration;

/// <summary>
/// Secrets that Development may invent when they are not configured (the intake API key, the pseudonym
/// key). They are kept in the storage directory so a restart keeps links, pseudonyms and the
/// .http file working. Outside Development a missing secret stops the service at start.
/// </summary>
internal static class DevelopmentSecrets
{
    public static string GetOrCreate(string storageDirectory, string fileName, Func<string> create)
    {
        var path = Path.Combine(storageDirectory, fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        System.IO.Directory.CreateDirectory(storageDirectory);
        var secret = create();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }

    public static string NewKey(int bytes) => Base64Url.Encode(RandomNumberGenerator.GetBytes(bytes));
}
