using System.Reflection;
using Microsoft.Extensions.Logging;

namespace CareTransitions.Tests.UnitTests;

/// <summary>Within each assembly, one event id names one kind of log line, so an operator's filter on an id finds what it means.</summary>
public sealed class LogEventIdTests
{
    public static TheoryData<string> Assemblies => new() { "CareTransitions", "Dashboard", "Durable.Backend" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_two_log_messages_of_an_assembly_share_an_event_id(string assemblyName)
    {
        var messages = Assembly.Load(assemblyName).GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is { EventId: > 0 })
            .ToList();

        Assert.NotEmpty(messages);
        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(shared.Count == 0, "Event ids used twice: " + string.Join("; ", shared));
    }
}
