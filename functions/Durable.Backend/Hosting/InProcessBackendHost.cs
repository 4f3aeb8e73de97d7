using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durable.Backend.Hosting;

/// <summary>
/// The backend inside the service's own process: a small gRPC server on a private Unix domain socket,
/// and the channel Microsoft's worker and client use to reach it. It starts before every other hosted
/// service (<see cref="IHostedLifecycleService.StartingAsync"/>), so the worker's first Hello finds it,
/// and stops after them, so the worker can hand its work back first.
/// </summary>
public sealed class InProcessBackendHost : IHostedLifecycleService, IAsyncDisposable
{
    private readonly DurableBackendOptions options;
    private readonly ILoggerFactory loggers;
    private readonly TimeProvider clock;
    private readonly string socketPath;
    private WebApplication? server;
    private bool stopped;

    /// <summary>Creates the host; the channel exists at once, and connects when first used.</summary>
    /// <param name="options">The backend's settings.</param>
    /// <param name="loggers">Where the backend logs.</param>
    /// <param name="clock">The service's clock, so the backend's leases, timers and scheduled starts keep the same time
    /// as the rest of the process (a test's fake clock included); the system clock when the service registers none.</param>
    public InProcessBackendHost(IOptions<DurableBackendOptions> options, ILoggerFactory loggers, TimeProvider? clock = null)
    {
        this.options = options.Value;
        this.loggers = loggers;
        this.clock = clock ?? TimeProvider.System;
        this.socketPath = Path.Combine(Path.GetTempPath(), $"durable-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40] + ".sock");
        this.Channel = CreateChannel(this.socketPath);
    }

    /// <summary>The gRPC channel to the backend.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>
    /// The Unix domain socket the backend listens on. Another process on this machine may reach the backend there too
    /// (<see cref="CreateChannel"/>): the PostgreSQL benchmark's client reaches each of its worker processes so.
    /// </summary>
    public string SocketPath => this.socketPath;

    /// <summary>The backend's services once started (the store, the dispatcher), for health checks and tests.</summary>
    public IServiceProvider Services => this.server?.Services ?? throw new InvalidOperationException("The in-process backend has not started.");

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Empty: no configuration of its own. The service's URLs (ASPNETCORE_URLS, launchSettings' applicationUrl) are
        // not this host's, and read from the environment they made Kestrel warn that it was "overriding" them.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // The service's own start-up lines name this socket once; this host's second "Now listening on", "Application
        // started" and "Hosting environment" would read as a second service.
        builder.Services.AddSingleton<ILoggerFactory>(new WithoutLifetimeMessages(this.loggers));
        builder.Services.AddSingleton(Options.Create(this.options));
        builder.Services.AddSingleton(this.clock);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenUnixSocket(this.socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddDurableBackendServer();
        var app = builder.Build();
        app.MapDurableBackend();
        app.Services.OpenStore();
        File.Delete(this.socketPath);
        await app.StartAsync(cancellationToken);
        // Kestrel creates the socket 0755 under the temp folder; only this service's user may talk to its backend.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(this.socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        this.server = app;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (this.server is { } app)
        {
            await app.StopAsync(cancellationToken);
            this.stopped = true;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        this.Channel.Dispose();
        if (this.server is { } app)
        {
            // The host never stops what it started when a later start step fails (a store too new): stopped here,
            // its background services end quietly instead of reporting their cancellation as a crash.
            if (!this.stopped)
            {
                await app.StopAsync();
            }

            await app.DisposeAsync();
            this.server = null;
        }

        File.Delete(this.socketPath);
    }

    /// <summary>The service's loggers without the hosting lifetime's category, which only this inner host would add to.</summary>
    private sealed class WithoutLifetimeMessages(ILoggerFactory loggers) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.Hosting.Lifetime" ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : loggers.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => loggers.AddProvider(provider);

        // The service owns the factory and disposes it.
        public void Dispose()
        {
        }
    }

    /// <summary>A channel over a Unix domain socket, speaking HTTP/2 without TLS (the socket never leaves the machine).</summary>
    public static GrpcChannel CreateChannel(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = null });
    }
}
