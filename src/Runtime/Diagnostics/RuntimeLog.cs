using Microsoft.Extensions.Logging;

namespace Playbound.Runtime;

/// <summary>The runtime's log messages, source-generated with stable event ids (1xx activation, 2xx calls, 3xx streams).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(100, LogLevel.Debug, "Activated grain {GrainId}")]
    public static partial void Activated(this ILogger logger, GrainId grainId);

    [LoggerMessage(101, LogLevel.Warning, "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(102, LogLevel.Debug, "Deactivated grain {GrainId} ({Reason})")]
    public static partial void Deactivated(this ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(103, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(104, LogLevel.Warning, "Timer callback of grain {GrainId} failed")]
    public static partial void TimerFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(105, LogLevel.Information, "Idle collection deactivated {Count} activations; {Remaining} remain")]
    public static partial void Collected(this ILogger logger, int count, int remaining);

    [LoggerMessage(106, LogLevel.Information, "Deactivating {Count} activations for shutdown")]
    public static partial void DeactivatingAll(this ILogger logger, int count);

    [LoggerMessage(107, LogLevel.Warning, "{Count} activations were still active when the shutdown timeout of {Timeout} passed")]
    public static partial void DeactivationTimedOut(this ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(200, LogLevel.Debug, "Call {Method} to {GrainId} timed out after {Timeout}")]
    public static partial void CallTimedOut(this ILogger logger, string method, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(300, LogLevel.Warning, "Delivering event {EventId} of stream {StreamId} failed; retrying in {Delay}")]
    public static partial void DeliveryFailed(this ILogger logger, Exception exception, Guid eventId, string streamId, TimeSpan delay);

    [LoggerMessage(301, LogLevel.Warning, "Stream event {EventId} of namespace {Namespace} has no subscriber; dropping it")]
    public static partial void NoSubscriber(this ILogger logger, Guid eventId, string @namespace);

    [LoggerMessage(302, LogLevel.Error, "Outbox relay failed; retrying in {Delay}")]
    public static partial void RelayFailed(this ILogger logger, Exception exception, TimeSpan delay);
}
