namespace CareTransitions.Storage;

/// <summary>The stores cannot be used as configured (an unknown provider, a missing connection string). The message says what to do, in one line.</summary>
public sealed class StorageConfigurationException(string message) : Platform.Hosting.StartRefusedException(Platform.Hosting.ExitCodes.StoreUnavailable, message);
