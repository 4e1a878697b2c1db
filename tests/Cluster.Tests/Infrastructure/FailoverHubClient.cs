using System.Collections.Concurrent;
using System.Text.Json;
using HubConnection = Playbound.HubClient.HubClient;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// A live-feed client behind a load balancer, as a browser tab is: connected to one Api node's hub, and when that
/// connection closes it connects again to the next node that accepts it. Collects the ids of the <c>feedPost</c>
/// pushes it receives on any of its connections.
/// </summary>
public sealed class FailoverHubClient(IReadOnlyList<Uri> nodes, string accessToken) : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, byte> _received = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private HubConnection? _connection;
    private int _node;
    private int _closes;

    /// <summary>The node the client is connected to now (or last was).</summary>
    public Uri Node => nodes[Volatile.Read(ref _node)];

    /// <summary>How often a connection of this client closed under it.</summary>
    public int Closes => Volatile.Read(ref _closes);

    /// <summary>Whether a <c>feedPost</c> push of <paramref name="postId"/> arrived.</summary>
    public bool Received(string postId) => _received.ContainsKey(postId);

    /// <summary>Connects to node <paramref name="node"/> (an index into the nodes).</summary>
    public Task ConnectAsync(int node) => ConnectFromAsync(node);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        HubConnection? connection;
        lock (_lock)
        {
            connection = _connection;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    // Tries the nodes in turn from `first`, with a short pause after each round, until one accepts.
    private async Task ConnectFromAsync(int first)
    {
        var deadline = DateTime.UtcNow + ReconnectDeadline;
        for (var attempt = 0; ; attempt++)
        {
            var node = (first + attempt) % nodes.Count;
            var connection = new HubConnection();
            connection.On<JsonElement>("feedPost", post => _received.TryAdd(post.GetProperty("postId").GetString()!, 0));
            try
            {
                await connection.ConnectAsync(new Uri(nodes[node], "/hubs/feed"), accessToken, _disposed.Token);
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !_disposed.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Min(attempt + 1, 5)));
                continue;
            }

            lock (_lock)
            {
                _connection = connection;
                Volatile.Write(ref _node, node);
            }

            _ = connection.Closed.ContinueWith(_ => OnClosedAsync(connection, node), TaskScheduler.Default);
            return;
        }
    }

    private async Task OnClosedAsync(HubConnection connection, int node)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        Interlocked.Increment(ref _closes);
        await connection.DisposeAsync();
        await ConnectFromAsync(node + 1);
    }
}
