namespace Playbound.Grains.Realtime;

/// <summary>
/// Sends pushes to connected clients. Pushes are best effort and fire-and-forget: they follow the durable write that
/// caused them, never fail or delay it, and a client that misses one (offline, reconnecting, slow) catches up
/// through the REST API. A redelivered stream event may push again, so clients dedupe by id.
/// </summary>
public interface IRealtimePublisher
{
    /// <summary>Calls <paramref name="method"/>(<paramref name="payload"/>) on every connection of each user.</summary>
    void PushToUsers(IReadOnlyCollection<string> userIds, string method, object payload);

    /// <summary>Sends <see cref="RealtimeMethods.PostUpdated"/> to the connections watching the post.</summary>
    void PushToPostWatchers(PostCounts counts);
}
