namespace Durable.Backend.Storage;

/// <summary>The store holds data this backend cannot read; the message says in one line what to do.</summary>
public sealed class IncompatibleStoreException(string message) : Platform.Hosting.StartRefusedException(Platform.Hosting.ExitCodes.IncompatibleStore, message);
