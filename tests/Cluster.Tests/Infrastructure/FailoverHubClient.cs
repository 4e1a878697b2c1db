using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// A live-feed client behind a load balancer, as a browser tab is: one official SignalR <see cref="HubConnection"/>
/// with automatic reconnect, whose connections go to one Api node's hub; when a connection is lost the client
/// reconnects, and each attempt goes to the node after the one that last failed (<see cref="NodeFailover"/> standing in
/// for the load balancer). Collects the ids of the <c>feedPost</c> pushes it receives.
/// </summary>
public sealed class FailoverHubClient : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, byte> _received = new();
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly string _accessToken;
    private HubConnection? _connection;
    private NodeFailover? _failover;
    private int _closes;

    public FailoverHubClient(IReadOnlyList<Uri> nodes, string accessToken)
    {
        _nodes = nodes;
        _accessToken = accessToken;
    }

    /// <summary>The node the client is connected to now (or last was).</summary>
    public Uri Node => _nodes[_failover?.Connected ?? 0];

    /// <summary>How often a connection of this client was lost under it (each starts an automatic reconnect).</summary>
    public int Closes => Volatile.Read(ref _closes);

    /// <summary>Whether a <c>feedPost</c> push of <paramref name="postId"/> arrived.</summary>
    public bool Received(string postId) => _received.ContainsKey(postId);

    /// <summary>Connects to node <paramref name="node"/> (an index into the nodes), or the next that accepts.</summary>
    public async Task ConnectAsync(int node)
    {
        if (_connection is not null)
        {
            throw new InvalidOperationException("The client is connected already.");
        }

        var hubUrls = _nodes.Select(n => new Uri(n, $"/hubs/feed?access_token={Uri.EscapeDataString(_accessToken)}")).ToArray();
        _failover = new NodeFailover(hubUrls, node);
        var builder = new HubConnectionBuilder().WithAutomaticReconnect(new RetryUntil(ReconnectDeadline));
        // What WithUrl would register, with the failover as the connection factory; it ignores the endpoint.
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hubUrls[node]));
        builder.Services.AddSingleton<IConnectionFactory>(_failover);
        var connection = _connection = builder.Build();
        connection.On<JsonElement>("feedPost", post => _received.TryAdd(post.GetProperty("postId").GetString()!, 0));
        connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref _closes);
            return Task.CompletedTask;
        };

        // StartAsync does not retry; try the nodes in turn, as reconnecting does, until one accepts.
        var deadline = DateTime.UtcNow + ReconnectDeadline;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.StartAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(RetryUntil.Pause(attempt));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Opens each connection (the first and every reconnect) to one node's hub: the node that accepted last, or after a
    /// failed attempt the next one, so a client whose node died moves on to a live one.
    /// </summary>
    private sealed class NodeFailover(IReadOnlyList<Uri> hubUrls, int first) : IConnectionFactory
    {
        // Url left unset: HttpConnectionFactory then takes it from the endpoint of each call.
        private readonly HttpConnectionFactory _http = new(Options.Create(new HttpConnectionOptions()), NullLoggerFactory.Instance);
        private int _candidate = first;
        private int _connected = first;

        /// <summary>The node of the last connection opened.</summary>
        public int Connected => Volatile.Read(ref _connected);

        public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
        {
            var node = Volatile.Read(ref _candidate);
            try
            {
                var connection = await _http.ConnectAsync(new UriEndPoint(hubUrls[node]), cancellationToken);
                Volatile.Write(ref _connected, node);
                return connection;
            }
            catch
            {
                Volatile.Write(ref _candidate, (node + 1) % hubUrls.Count);
                throw;
            }
        }
    }

    /// <summary>Reconnects at once, then after growing pauses, until the deadline has passed since the connection was lost.</summary>
    private sealed class RetryUntil(TimeSpan deadline) : IRetryPolicy
    {
        public static TimeSpan Pause(long attempt) => TimeSpan.FromMilliseconds(200 * Math.Min(attempt, 5));

        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.ElapsedTime >= deadline ? null
            : context.PreviousRetryCount == 0 ? TimeSpan.Zero
            : Pause(context.PreviousRetryCount);
    }
}
