namespace Playbound.Realtime.RabbitMq;

/// <summary>Routing for a process whose grains push to its own hub (embedded mode): nothing needs to reach it.</summary>
public sealed class NoRealtimeRouting : IRealtimeRouting
{
    /// <inheritdoc />
    public ValueTask UserConnectedAsync(string userId) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask UserDisconnectedAsync(string userId) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask PostWatchedAsync(string postId) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask PostUnwatchedAsync(string postId) => ValueTask.CompletedTask;
}
