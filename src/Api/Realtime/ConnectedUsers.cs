using System.Collections.Concurrent;
using Playbound.Grains.Realtime;

namespace Playbound.Api.Realtime;

/// <summary>
/// The users connected to this process's hub and their connection ids. Reads (fan-out asks per follower) are
/// lock-free; connects and disconnects are rare by comparison and take one lock, which keeps the per-user arrays
/// and the count consistent.
/// </summary>
public sealed class ConnectedUsers : IUserPresence
{
    private readonly ConcurrentDictionary<string, string[]> _connections = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private int _count;

    /// <inheritdoc />
    public int OnlineCount => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool IsOnline(string userId) => _connections.ContainsKey(userId);

    /// <inheritdoc />
    public IReadOnlyCollection<string> OnlineUsers() => [.. _connections.Keys];

    /// <summary>Records a new connection of <paramref name="userId"/>.</summary>
    public void Add(string userId, string connectionId)
    {
        lock (_changes)
        {
            if (_connections.TryGetValue(userId, out var existing))
            {
                _connections[userId] = [.. existing, connectionId];
            }
            else
            {
                _connections[userId] = [connectionId];
                _count++;
            }
        }
    }

    /// <summary>Forgets a closed connection; the user goes offline with their last one.</summary>
    public void Remove(string userId, string connectionId)
    {
        lock (_changes)
        {
            if (!_connections.TryGetValue(userId, out var existing))
            {
                return;
            }

            var remaining = Array.FindAll(existing, id => id != connectionId);
            if (remaining.Length > 0)
            {
                _connections[userId] = remaining;
            }
            else if (_connections.TryRemove(userId, out _))
            {
                _count--;
            }
        }
    }

    /// <summary>The connection ids of those of <paramref name="userIds"/> who are connected here.</summary>
    public List<string> ConnectionsOf(IEnumerable<string> userIds)
    {
        var connections = new List<string>();
        foreach (var userId in userIds)
        {
            if (_connections.TryGetValue(userId, out var ids))
            {
                connections.AddRange(ids);
            }
        }

        return connections;
    }
}
