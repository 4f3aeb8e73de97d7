using Durable.Backend.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Backend.Tests.Engines;

/// <summary>
/// The one place a test gets "the durable engine" from: Microsoft's in-memory test host, or our backend on a
/// SQLite file or on a PostgreSQL database. All are driven by Microsoft's gRPC worker and client, so every case
/// runs unchanged on each.
/// </summary>
public static class DurableEngine
{
    /// <summary>Microsoft's <c>DurableTaskTestHost</c> (in memory): the behaviour we compare ours with.</summary>
    public const string Reference = "reference";

    /// <summary>Our backend, in process, on a SQLite file in a fresh temporary folder.</summary>
    public const string Ours = "ours";

    /// <summary>Our backend, in process, on a fresh PostgreSQL database.</summary>
    public const string Postgres = "postgres";

    /// <summary>Theory data: every test that is not about one engine runs on every engine (the name is from when there were two).</summary>
    public static TheoryData<string> Both => new() { Reference, Ours, Postgres };

    /// <summary>
    /// Starts an engine with the given orchestrators and activities.
    /// </summary>
    /// <param name="engine"><see cref="Reference"/>, <see cref="Ours"/> or <see cref="Postgres"/>.</param>
    /// <param name="tasks">Registers the orchestrators and activities.</param>
    /// <param name="backend">Settings of our backend (lease, dequeue count, retention); the reference has none and ignores them.</param>
    /// <param name="services">Services the worker's tasks need (every engine).</param>
    public static async Task<RunningEngine> StartAsync(
        string engine,
        Action<DurableTaskRegistry> tasks,
        Action<DurableBackendOptions>? backend = null,
        Action<IServiceCollection>? services = null) => engine switch
        {
            Reference => await ReferenceEngine.StartAsync(tasks, services),
            Ours => await OursEngine.StartAsync(tasks, backend, services),
            Postgres => await PostgresEngine.StartAsync(tasks, backend, services),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Expected \"reference\", \"ours\" or \"postgres\"."),
        };
}
