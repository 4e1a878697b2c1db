namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// What the hub tells about its connections so that this process receives the pushes they need: a user's first
/// connection and a post's first watcher start routing, the last ones stop it. Calls for one connection come in
/// order; each completes once routing is in place (or has failed and been logged: routing is best effort, like pushes).
/// </summary>
public interface IRealtimeRouting
{
    /// <summary>A connection of <paramref name="userId"/> opened.</summary>
    ValueTask UserConnectedAsync(string userId);

    /// <summary>A connection of <paramref name="userId"/> closed.</summary>
    ValueTask UserDisconnectedAsync(string userId);

    /// <summary>A connection started watching <paramref name="postId"/>.</summary>
    ValueTask PostWatchedAsync(string postId);

    /// <summary>A connection stopped watching <paramref name="postId"/>, or closed while watching it.</summary>
    ValueTask PostUnwatchedAsync(string postId);
}
