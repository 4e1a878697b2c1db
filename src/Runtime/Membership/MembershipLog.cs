using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Membership;

/// <summary>Source-generated log messages of cluster membership (event ids 3100-3199).</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Silo {Silo} is now {Status} in cluster {ClusterId}")]
    public static partial void StatusChanged(this ILogger logger, SiloAddress silo, SiloStatus status, string clusterId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Declared silo {Silo} dead: its last heartbeat is {HeartbeatAgeMs} ms old")]
    public static partial void DeclaredDead(this ILogger logger, SiloAddress silo, double heartbeatAgeMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug,
        Message = "Silo {Silo} changed while being declared dead (a heartbeat or another silo won); re-reading")]
    public static partial void DeclareDeadConflict(this ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Critical,
        Message = "This silo {Silo} was declared dead by the cluster; it stops and must restart with a new generation")]
    public static partial void LocalSiloDeclaredDead(this ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Membership {Step} failed; retrying at the next tick")]
    public static partial void StepFailed(this ILogger logger, Exception exception, string step);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information,
        Message = "Membership version {Version}: {Count} active silos")]
    public static partial void SnapshotChanged(this ILogger logger, long version, int count);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning,
        Message = "Silo {Silo} could not leave the cluster gracefully; the others will declare it dead after the death timeout")]
    public static partial void LeaveFailed(this ILogger logger, Exception exception, SiloAddress silo);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information,
        Message = "Deleted {Count} membership rows of silos dead for longer than {Expiration}")]
    public static partial void DefunctSilosDeleted(this ILogger logger, int count, TimeSpan expiration);
}
