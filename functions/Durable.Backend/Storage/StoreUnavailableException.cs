namespace Durable.Backend.Storage;

/// <summary>The store cannot be opened: it is not configured, or its database cannot be reached. The message says in one line what to do.</summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null)
    : Platform.Hosting.StartRefusedException(Platform.Hosting.ExitCodes.StoreUnavailable, message, innerException);
