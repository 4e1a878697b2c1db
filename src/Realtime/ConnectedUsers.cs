using System.Collections.Concurrent;
using Playbound.Grains.Realtime;

namespace Playbound.Realtime;

/// <summary>
/// The users connected to this process's hub, with how many connections each holds. Reads (fan-out asks per
/// follower) are lock-free; connects and disconnects take one lock, which keeps the counts and the total consistent.
/// </summary>
public sealed class ConnectedUsers : IUserPresence
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private int _count;

    /// <summary>
    /// Raised with a user's id and <c>true</c> at the user's first connection here, <c>false</c> at the last
    /// disconnection; raised under the lock, in the order the changes happened, so handlers must only queue work.
    /// </summary>
    public event Action<string, bool>? Changed;

    /// <inheritdoc />
    public int OnlineCount => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool IsOnline(string userId) => _connections.ContainsKey(userId);

    /// <inheritdoc />
    public IReadOnlyCollection<string> OnlineUsers() => [.. _connections.Keys];

    /// <summary>Records a new connection of <paramref name="userId"/>.</summary>
    public void Add(string userId)
    {
        lock (_changes)
        {
            var connections = _connections.GetValueOrDefault(userId);
            _connections[userId] = connections + 1;
            if (connections == 0)
            {
                _count++;
                Changed?.Invoke(userId, true);
            }
        }
    }

    /// <summary>Forgets a closed connection; the user goes offline with their last one.</summary>
    public void Remove(string userId)
    {
        lock (_changes)
        {
            if (!_connections.TryGetValue(userId, out var connections))
            {
                return;
            }

            if (connections > 1)
            {
                _connections[userId] = connections - 1;
            }
            else if (_connections.TryRemove(userId, out _))
            {
                _count--;
                Changed?.Invoke(userId, false);
            }
        }
    }
}
