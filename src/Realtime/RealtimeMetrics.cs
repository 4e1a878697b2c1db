using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Playbound.Realtime;

/// <summary>
/// Realtime instruments on meter <see cref="MeterName"/>: pushes handed to the hub (one per recipient user or post
/// group), pushes whose send failed, and the users connected to this process's hub.
/// </summary>
public sealed class RealtimeMetrics
{
    /// <summary>The meter.</summary>
    public const string MeterName = "Playbound.Realtime";

    /// <summary>Pushes sent (counter): one per recipient user (feedPost, notification) or post group (postUpdated), by method.</summary>
    public const string PushesSentName = "playbound.realtime.pushes.sent";

    /// <summary>Pushes dropped (counter): the hub (or its Redis backplane) failed the send, by method.</summary>
    public const string PushesDroppedName = "playbound.realtime.pushes.dropped";

    /// <summary>Users with at least one connection to this process's hub (observable gauge).</summary>
    public const string OnlineUsersName = "playbound.realtime.online_users";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public RealtimeMetrics(IMeterFactory meterFactory, ConnectedUsers users)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>(PushesSentName, "{push}", "Pushes handed to the hub: one per recipient user or post group, by method.");
        _dropped = meter.CreateCounter<long>(PushesDroppedName, "{push}", "Pushes whose send failed (hub or Redis backplane), by method.");
        meter.CreateObservableGauge(OnlineUsersName, () => users.OnlineCount, "{user}", "Users with at least one connection to this process's hub.");
    }

    /// <summary>Counts <paramref name="count"/> pushes of <paramref name="method"/> handed to the hub.</summary>
    public void Sent(string method, int count) => _sent.Add(count, new KeyValuePair<string, object?>("method", method));

    /// <summary>Counts <paramref name="count"/> pushes of <paramref name="method"/> whose send failed.</summary>
    public void Dropped(string method, int count) => _dropped.Add(count, new KeyValuePair<string, object?>("method", method));
}

/// <summary>Creates <see cref="RealtimeMetrics"/> as the host starts, so the online-users gauge reports before the first push.</summary>
internal sealed class RealtimeMetricsStartup(RealtimeMetrics metrics) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
