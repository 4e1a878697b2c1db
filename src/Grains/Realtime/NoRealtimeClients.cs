namespace Playbound.Grains.Realtime;

/// <summary>
/// The realtime side of a silo that has no hub attached (a plain silo, grain tests): nobody is online, so producers
/// skip every push. The Api replaces it with its hub's connections.
/// </summary>
internal sealed class NoRealtimeClients : IUserPresence, IRealtimePublisher
{
    /// <inheritdoc />
    public int OnlineCount => 0;

    /// <inheritdoc />
    public bool IsOnline(string userId) => false;

    /// <inheritdoc />
    public IReadOnlyCollection<string> OnlineUsers() => [];

    /// <inheritdoc />
    public void PushToUsers(IReadOnlyCollection<string> userIds, string method, object payload)
    {
    }

    /// <inheritdoc />
    public void PushToPostWatchers(PostCounts counts)
    {
    }
}
