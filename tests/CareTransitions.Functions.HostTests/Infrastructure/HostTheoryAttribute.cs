namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>A theory that needs the real Functions host: skipped, with the one-line reason, where ../shared is absent.</summary>
public sealed class HostTheoryAttribute : TheoryAttribute
{
    public HostTheoryAttribute()
    {
        if (FunctionsHost.WhyNotAvailable is { } reason)
        {
            this.Skip = reason;
        }
    }
}
