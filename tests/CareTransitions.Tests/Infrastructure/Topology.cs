using Microsoft.Extensions.Configuration;
using Platform.Storage;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>A storage topology resolved from the given settings alone, as a host resolves it from its configuration.</summary>
internal static class Topology
{
    public static StorageTopology From(params (string Key, string? Value)[] settings) => StorageTopology.Resolve(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build());
}
