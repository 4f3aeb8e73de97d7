namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>A test that needs the real Functions host: skipped, with the one-line reason, where ../shared is absent.</summary>
public sealed class HostFactAttribute : FactAttribute
{
    public HostFactAttribute()
    {
        if (FunctionsHost.WhyNotAvailable is { } reason)
        {
            this.Skip = reason;
        }
    }
}
