namespace Durable.Backend.Tests.Client;

public sealed record Ticket(string Subject, int Priority);

/// <summary>The orchestrators the client tests drive: they wait, echo or fail on request.</summary>
internal static class Orchestrators
{
    /// <summary>Reports "waiting" and returns the first "Go" event's payload.</summary>
    public const string WaitsForGo = nameof(WaitsForGo);

    /// <summary>Returns its input's subject at once.</summary>
    public const string Echo = nameof(Echo);

    /// <summary>Throws at once.</summary>
    public const string Fails = nameof(Fails);

    public static DurableTaskRegistry AddClientTestOrchestrators(this DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<Ticket?, string>(WaitsForGo, async (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("Go");
        })
        .AddOrchestratorFunc<Ticket, string>(Echo, (_, ticket) => Task.FromResult(ticket.Subject))
        .AddOrchestratorFunc<Ticket, string>(Fails, Refuse);

    private static string Refuse(TaskOrchestrationContext context, Ticket ticket) => throw new InvalidOperationException($"cannot handle {ticket.Subject}");
}
