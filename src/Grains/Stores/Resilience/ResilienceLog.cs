using Microsoft.Extensions.Logging;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>Source-generated log messages of the dependency circuits (event ids 3200-3299).</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning,
        Message = "Circuit {Circuit} opened: calls fail fast for {BreakSeconds} s")]
    public static partial void CircuitOpened(this ILogger logger, Exception? exception, string circuit, double breakSeconds);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "Circuit {Circuit} is half-open: the next call probes the dependency")]
    public static partial void CircuitHalfOpened(this ILogger logger, string circuit);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information,
        Message = "Circuit {Circuit} closed: the dependency answers again")]
    public static partial void CircuitClosed(this ILogger logger, string circuit);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug,
        Message = "Circuit {Circuit}: retry {Attempt} of a call that failed transiently, in {DelayMs} ms")]
    public static partial void RetryingCall(this ILogger logger, Exception? exception, string circuit, int attempt, double delayMs);
}
