using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durable.Tests;

/// <summary>One log line a test captured.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, string Message);

/// <summary>
/// Keeps every log line written through the host's logger factory, so a test can count them.
/// Register with <see cref="TestLogging.Capture"/> in the host's services callback.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. this.lines];

    public IReadOnlyList<string> MessagesOf(string category) =>
        this.Lines.Where(l => l.Category == category).Select(l => l.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
    }
}

internal static class TestLogging
{
    /// <summary>A services callback for <c>DurableTestHost.StartAsync</c> that captures logs into <paramref name="provider"/>.</summary>
    public static Action<IServiceCollection> Capture(CapturingLoggerProvider provider) =>
        services => services.AddSingleton<ILoggerProvider>(provider);
}
