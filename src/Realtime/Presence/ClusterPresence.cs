using System.Collections.Concurrent;
using Playbound.Grains.Realtime;

namespace Playbound.Realtime.Presence;

/// <summary>
/// A silo's <see cref="IUserPresence"/> in cluster mode: the users connected to any Api node, as the nodes announce
/// them on Redis (fed by <see cref="RedisPresenceReplica"/>). A user is online while at least one live node holds them; a node that
/// stops announcing for its TTL is dropped with its users, so a crashed node cannot keep them online. Reads (fan-out
/// asks per follower) are lock-free; announcements and expiry take one lock, which keeps the per-user node counts
/// consistent with the nodes' sets.
/// </summary>
internal sealed class ClusterPresence(TimeProvider time) : IUserPresence
{
    private readonly ConcurrentDictionary<string, int> _nodesPerUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private int _count;

    /// <inheritdoc />
    public int OnlineCount => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool IsOnline(string userId) => _nodesPerUser.ContainsKey(userId);

    /// <inheritdoc />
    public IReadOnlyCollection<string> OnlineUsers() => [.. _nodesPerUser.Keys];

    /// <summary>
    /// Applies a node's announcement, which also extends the node's life by its TTL. Anything but an announcement
    /// (a hello, an unknown kind from a newer node) is ignored rather than taken as a sign of life of a node with no users.
    /// </summary>
    public void Apply(PresenceMessage message)
    {
        if (!PresenceKinds.IsAnnouncement(message.Kind))
        {
            return;
        }

        lock (_changes)
        {
            if (message.Kind == PresenceKinds.Gone)
            {
                Forget(message.Node);
                return;
            }

            if (!_nodes.TryGetValue(message.Node, out var node))
            {
                node = new Node();
                _nodes[message.Node] = node;
            }

            node.ExpiresAt = time.GetUtcNow() + TimeSpan.FromMilliseconds(message.TtlMs);
            switch (message.Kind)
            {
                case PresenceKinds.Snapshot:
                    var users = message.Users.ToHashSet(StringComparer.Ordinal);
                    foreach (var gone in node.Users.Where(user => !users.Contains(user)).ToArray())
                    {
                        Leave(node, gone);
                    }

                    foreach (var user in users)
                    {
                        Join(node, user);
                    }

                    break;
                case PresenceKinds.Online:
                    foreach (var user in message.Users)
                    {
                        Join(node, user);
                    }

                    break;
                case PresenceKinds.Offline:
                    foreach (var user in message.Users)
                    {
                        Leave(node, user);
                    }

                    break;
            }
        }
    }

    /// <summary>Drops the nodes whose last announcement is older than its TTL, with their users.</summary>
    /// <returns>The ids of the nodes dropped, for the log: a node expiring means it died without a goodbye.</returns>
    public IReadOnlyList<string> Expire()
    {
        var now = time.GetUtcNow();
        lock (_changes)
        {
            var expired = _nodes.Where(node => node.Value.ExpiresAt <= now).Select(static node => node.Key).ToArray();
            foreach (var id in expired)
            {
                Forget(id);
            }

            return expired;
        }
    }

    private void Forget(string nodeId)
    {
        if (_nodes.Remove(nodeId, out var node))
        {
            foreach (var user in node.Users.ToArray())
            {
                Leave(node, user);
            }
        }
    }

    private void Join(Node node, string userId)
    {
        if (node.Users.Add(userId))
        {
            var nodes = _nodesPerUser.GetValueOrDefault(userId);
            _nodesPerUser[userId] = nodes + 1;
            if (nodes == 0)
            {
                _count++;
            }
        }
    }

    private void Leave(Node node, string userId)
    {
        if (!node.Users.Remove(userId))
        {
            return;
        }

        if (_nodesPerUser.TryGetValue(userId, out var nodes) && nodes > 1)
        {
            _nodesPerUser[userId] = nodes - 1;
        }
        else if (_nodesPerUser.TryRemove(userId, out _))
        {
            _count--;
        }
    }

    private sealed class Node
    {
        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
