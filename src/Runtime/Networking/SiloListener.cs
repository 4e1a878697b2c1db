using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>Accepts connections from other silos and gateways on <see cref="ClusterTransportOptions.SiloPort"/>.</summary>
internal sealed class SiloListener(
    IncomingCallDispatcher dispatcher, GrainSerializer serializer, IOptions<ClusterTransportOptions> options,
    ILogger<SiloListener> logger) : IHostedService
{
    private readonly ConcurrentDictionary<ServerConnection, byte> _connections = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private volatile bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Any, options.Value.SiloPort));
        listener.Listen(512);
        _listener = listener;
        NetworkingLog.Listening(logger, ((IPEndPoint)listener.LocalEndPoint!).Port);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting and drops every connection at once, as a dying process would.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _listener?.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Close(null);
        }

        await _acceptLoop.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // A connection aborted while queued is no reason to stop listening; a closed listener is.
                if (_stopped)
                {
                    return;
                }

                continue;
            }

            var connection = new ServerConnection(
                socket, dispatcher, serializer, options.Value.MaxFrameSize, c => _connections.TryRemove(c, out _), logger);
            _connections[connection] = 0;
            connection.Start();
        }
    }
}
