using Playbound.Grains.Diagnostics;
using Playbound.Realtime;

namespace Playbound.Hosting.Telemetry;

/// <summary>The names service defaults export: Playbound's meters and activity source, and Orleans'.</summary>
public static class PlayboundTelemetry
{
    /// <summary>Playbound's own activity source: the stream consumer spans that continue a publisher's trace.</summary>
    public const string ActivitySourceName = "Playbound.Streaming";

    /// <summary>Orleans' meter (grain calls, activations, messaging, streams, storage).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources for grain calls: runtime (system targets and extensions) and application grains.</summary>
    public static readonly IReadOnlyList<string> OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Playbound's meters: <c>Playbound.Feeds</c> (fan-out lag), <c>Playbound.Accounts</c> (account deletions: failed steps, duration), <c>Playbound.Streaming</c> (stream lag, oldest undelivered
    /// event, dead letters; both stream providers) and <c>Playbound.Realtime</c> (pushes sent and dropped, online users).
    /// </summary>
    public static readonly IReadOnlyList<string> PlayboundMeters = [FeedMetrics.MeterName, AccountMetrics.MeterName, "Playbound.Streaming", RealtimeMetrics.MeterName];
}
