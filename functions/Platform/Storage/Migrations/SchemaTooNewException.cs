using Platform.Hosting;

namespace Platform.Storage.Migrations;

/// <summary>
/// A store's schema is newer than this release knows: a newer release migrated it. Every program stops its start with
/// exit code 3 and this message, in one line (<see cref="ProgramRun"/>).
/// </summary>
public sealed class SchemaTooNewException : StartRefusedException
{
    /// <summary>Names the store, where it is, the version found and the one this release knows, and what to do.</summary>
    public SchemaTooNewException(string store, string location, int version, int knownVersion)
        : base(
            ExitCodes.StoreUnavailable,
            $"the {store} ({location}) has schema version {version}, newer than this release knows ({knownVersion}): " +
            "run the release that migrated it (or a newer one), or restore a backup taken before that release migrated it.")
    {
        this.Store = store;
        this.Version = version;
        this.KnownVersion = knownVersion;
    }

    /// <summary>The store, e.g. <c>app store</c>.</summary>
    public string Store { get; }

    /// <summary>The version the store records.</summary>
    public int Version { get; }

    /// <summary>The latest version this release knows.</summary>
    public int KnownVersion { get; }
}
