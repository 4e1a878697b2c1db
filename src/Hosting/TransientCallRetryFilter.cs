using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Playbound.Hosting;

/// <summary>
/// Retries a grain call that failed only because its target silo is leaving, on silos and Api nodes alike, so a
/// rolling restart or a silo's crash costs the caller a short wait instead of an error. Retried are calls the target
/// refused without running them (<see cref="OrleansMessageRejectionException"/>: "silo stopping", a stale activation
/// address; a stopping silo's refusal to place a message) and <c>[ReadOnly]</c> calls whose silo vanished (<see cref="SiloUnavailableException"/>), which are safe to
/// run twice. A write whose silo vanished may have been applied, so it fails as before and the client decides.
/// </summary>
internal sealed partial class TransientCallRetryFilter(ILogger<TransientCallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>Attempts in all, the first included: the cluster needs a few seconds to move a grain off a dying silo.</summary>
    public const int MaxAttempts = 4;

    /// <summary>The wait before the first retry, doubled for each next one.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    private static readonly ConcurrentDictionary<MethodInfo, bool> ReadOnlyMethods = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsSafeToRetry(exception, context.InterfaceMethod))
            {
                var backoff = FirstBackoff * (1 << (attempt - 1));
                LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, backoff, exception.GetType().Name);
                await Task.Delay(backoff);
            }
        }
    }

    // SiloUnavailableException is a rejection too, but usually one raised after the message may have reached the
    // silo. The exception: a silo that is stopping refuses to place the message at all (Orleans' PlacementService
    // throws it with this message before addressing the message), so nothing ran and any call may be retried.
    internal static bool IsSafeToRetry(Exception exception, MethodInfo? method) => exception switch
    {
        SiloUnavailableException when exception.Message.EndsWith(StoppingSiloRefusal, StringComparison.Ordinal) => true,
        SiloUnavailableException => method is not null && ReadOnlyMethods.GetOrAdd(method, static m => m.IsDefined(typeof(ReadOnlyAttribute))),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    private const string StoppingSiloRefusal = "is shutting down.";

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Interface}.{Method} failed ({Error}) while its silo was leaving; attempt {Attempt} is retried in {Backoff}")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, TimeSpan backoff, string error);
}
