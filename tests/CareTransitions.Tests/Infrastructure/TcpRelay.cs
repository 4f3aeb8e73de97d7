using System.Net;
using System.Net.Sockets;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a server (the test cluster's PostgreSQL), so a test can take the database away
/// from one service and give it back without touching the server that other tests use. Cut: every relayed
/// connection is reset and new ones are closed at once, as when the database host goes down. Restore: connections
/// pass again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Socket> open = [];
    private readonly Task accepting;
    private volatile bool cut;

    public TcpRelay(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener.Start();
        this.Port = ((IPEndPoint)this.listener.LocalEndpoint).Port;
        this.accepting = Task.Run(this.AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The database is gone: open connections are reset, new ones closed.</summary>
    public void Cut()
    {
        this.cut = true;
        lock (this.open)
        {
            foreach (var socket in this.open)
            {
                socket.LingerState = new LingerOption(true, 0); // RST, not a polite FIN
                socket.Close();
            }

            this.open.Clear();
        }
    }

    /// <summary>The database is back.</summary>
    public void Restore() => this.cut = false;

    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        this.listener.Stop();
        this.Cut();
        await this.accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        this.stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!this.stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await this.listener.AcceptSocketAsync(this.stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (this.cut)
            {
                client.Close();
                continue;
            }

            _ = Task.Run(() => this.RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(this.targetHost, this.targetPort, this.stopping.Token);
            lock (this.open)
            {
                if (this.cut)
                {
                    throw new SocketException((int)SocketError.ConnectionReset);
                }

                this.open.Add(client);
                this.open.Add(server);
            }

            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // A cut, a stop, or one side closing: the other side is closed below.
        }
        finally
        {
            lock (this.open)
            {
                this.open.Remove(client);
                this.open.Remove(server);
            }

            client.Close();
            server.Close();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by a cut or by the other side.
        }
    }
}
