using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>
/// Holds one multiplexed connection per remote silo, opened on first use. A closed connection is dropped and the
/// next call opens a new one, so a silo that recovers is reached again without any bookkeeping.
/// </summary>
internal sealed class ConnectionManager(
    GrainSerializer serializer, IOptions<ClusterTransportOptions> options, ILogger<ConnectionManager> logger) : IDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Task<ClientConnection>> _connections = new();
    private readonly ClusterTransportOptions _options = options.Value;

    /// <summary>The open connection to <paramref name="silo"/>, connecting first if there is none.</summary>
    /// <exception cref="SiloUnavailableException">The silo refused or did not answer within the connect timeout.</exception>
    public ValueTask<ClientConnection> GetAsync(SiloAddress silo, TimeSpan timeout)
    {
        if (_connections.TryGetValue(silo, out var existing) && existing.IsCompletedSuccessfully && !existing.Result.IsClosed)
        {
            return new ValueTask<ClientConnection>(existing.Result);
        }

        return new ValueTask<ClientConnection>(GetSlowAsync(silo, timeout));
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.IsCompletedSuccessfully)
            {
                connection.Result.Close(null);
            }
        }
    }

    private Task<ClientConnection> GetSlowAsync(SiloAddress silo, TimeSpan timeout)
    {
        // Callers racing here share one connect attempt; a failed or closed one is replaced by the next caller.
        lock (_connections)
        {
            if (!_connections.TryGetValue(silo, out var task) || task.IsFaulted
                || (task.IsCompletedSuccessfully && task.Result.IsClosed))
            {
                task = ConnectAsync(silo, Min(timeout, _options.ConnectTimeout));
                _connections[silo] = task;
            }

            return task;
        }
    }

    private async Task<ClientConnection> ConnectAsync(SiloAddress silo, TimeSpan timeout)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await socket.ConnectAsync(silo.Host, silo.Port, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            NetworkingLog.ConnectFailed(logger, ex, silo.ToString());
            throw new SiloUnavailableException(silo, $"Cannot connect to silo {silo}: {ex.Message}", ex);
        }

        var connection = new ClientConnection(silo, socket, serializer, _options.MaxFrameSize, OnClosed, logger);
        connection.Start();
        return connection;
    }

    private void OnClosed(ClientConnection connection)
    {
        lock (_connections)
        {
            if (_connections.TryGetValue(connection.Silo, out var task) && task.IsCompletedSuccessfully
                && ReferenceEquals(task.Result, connection))
            {
                _connections.TryRemove(connection.Silo, out _);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
