namespace Playbound.Runtime.Membership;

/// <summary>
/// Options of cluster membership in PostgreSQL (<c>Playbound:Cluster:Membership</c>): which cluster, where its table
/// lives, and the heartbeat/death timing every silo of the cluster should share.
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>The default of <see cref="ClusterId"/>.</summary>
    public const string DefaultClusterId = "playbound";

    /// <summary>The default of <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The default of <see cref="HeartbeatInterval"/>: 2 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default of <see cref="DeathTimeout"/>: 10 seconds (five missed heartbeats).</summary>
    public static readonly TimeSpan DefaultDeathTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default of <see cref="RefreshInterval"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="OperationTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="DefunctSiloExpiration"/>: one day.</summary>
    public static readonly TimeSpan DefaultDefunctSiloExpiration = TimeSpan.FromDays(1);

    /// <summary>The Npgsql connection string of the membership database. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding the membership tables; created when missing. A plain identifier.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>The cluster this process belongs to; several clusters may share one database. Required.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>How often a silo writes its heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>
    /// A silo whose last heartbeat (by the database's clock) is older than this is declared dead by the others. Must
    /// exceed two heartbeat intervals so one slow write does not kill a healthy silo.
    /// </summary>
    public TimeSpan DeathTimeout { get; set; } = DefaultDeathTimeout;

    /// <summary>How often each process re-reads the membership table (and a silo looks for silos to declare dead).</summary>
    public TimeSpan RefreshInterval { get; set; } = DefaultRefreshInterval;

    /// <summary>The longest one membership read or write may take, including the graceful leave at shutdown.</summary>
    public TimeSpan OperationTimeout { get; set; } = DefaultOperationTimeout;

    /// <summary>
    /// Rows of silos dead for longer than this are deleted (checked hourly by each silo), so a cluster that restarts
    /// often does not grow its table, and every read, without bound; until then a dead generation stays visible.
    /// </summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = DefaultDefunctSiloExpiration;
}
