using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Playbound.Hosting;

/// <summary>
/// Cluster mode (<c>Playbound:Cluster</c>): whether this process joins an Orleans cluster through Redis, and how the
/// silo is reached. Off by default: embedded mode is one process with localhost clustering and no servers.
/// </summary>
/// <param name="Enabled">Whether silos join Redis clustering and Api nodes become Orleans clients.</param>
/// <param name="ClusterId">Orleans' cluster id: silos and clients sharing one Redis are told apart by it.</param>
/// <param name="ServiceId">Orleans' service id: stays the same across deployments, so state and streams carry over.</param>
/// <param name="AdvertisedHost">The host name or address other silos and clients reach this silo at.</param>
/// <param name="SiloPort">The silo-to-silo port this silo listens on.</param>
/// <param name="GatewayPort">The port Orleans clients (Api nodes) connect to.</param>
/// <param name="Redis">The Redis connection string (<c>ConnectionStrings:Redis</c>): membership, grain state, the SignalR backplane.</param>
/// <param name="Kubernetes">
/// Whether silos run as Kubernetes pods (<c>Playbound:Cluster:Kubernetes</c>): Orleans' Kubernetes hosting then takes the
/// cluster and service ids and the advertised address from the pod (labels, POD_IP) and removes dead silos' pods.
/// </param>
public sealed record ClusterSettings(
    bool Enabled, string ClusterId, string ServiceId, string AdvertisedHost, int SiloPort, int GatewayPort, string? Redis, bool Kubernetes)
{
    /// <summary>The default of <c>Playbound:Cluster:SiloPort</c> (Orleans' default silo port).</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>The default of <c>Playbound:Cluster:GatewayPort</c> (Orleans' default gateway port).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The default of <c>Playbound:Cluster:ClusterId</c> and <c>:ServiceId</c>.</summary>
    public const string DefaultId = "playbound";

    /// <summary>Bound onto Orleans' <c>ClusterMembershipOptions</c> (probe timeouts, missed probes, death votes).</summary>
    public const string MembershipSection = "Playbound:Cluster:Membership";

    /// <summary>Bound onto Orleans' <c>GatewayOptions</c> on Api nodes (how often the gateway list is refreshed).</summary>
    public const string GatewaySection = "Playbound:Cluster:Gateway";

    /// <summary>The Redis channel Api nodes announce their connected users on; one per cluster.</summary>
    public string PresenceChannel => ClusterId + ":presence";

    /// <summary>The Redis channel silos tell each other about changed posts on, so their cached views go; one per cluster.</summary>
    public string PostViewChannel => ClusterId + ":post-views";

    /// <summary>
    /// Options for a connection to <see cref="Redis"/>, its replies handled on the .NET thread pool
    /// (<see cref="SocketManager.ThreadPool"/>) instead of StackExchange.Redis' own ten threads per process: with silos,
    /// Api nodes and Redis sharing few cores, each reply's extra hop between threads was a context switch, and the
    /// silos spent more time switching than working (cluster feed reads 5.2 k → 6.5–7.1 k req/s on 2 cores).
    /// </summary>
    public ConfigurationOptions RedisOptions()
    {
        var options = ConfigurationOptions.Parse(Redis ?? throw new InvalidOperationException("Cluster mode needs ConnectionStrings:Redis."));
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }

    /// <summary>
    /// Reads <c>Playbound:Cluster:Enabled</c>, <c>:ClusterId</c>, <c>:ServiceId</c>, <c>:AdvertisedHost</c> (default: the
    /// machine name, which is the pod name in Kubernetes), <c>:SiloPort</c>, <c>:GatewayPort</c>, <c>:Kubernetes</c> and
    /// <c>ConnectionStrings:Redis</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value does not parse, or cluster mode lacks Redis or PostgreSQL.</exception>
    public static ClusterSettings From(IConfiguration configuration, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        var enabled = Parse(configuration, "Playbound:Cluster:Enabled", false, bool.TryParse);
        var siloPort = Port(configuration, "Playbound:Cluster:SiloPort", DefaultSiloPort);
        var gatewayPort = Port(configuration, "Playbound:Cluster:GatewayPort", DefaultGatewayPort);
        var redis = configuration.GetConnectionString("Redis");
        if (enabled && storage.Kind != StorageKind.Postgres)
        {
            throw new InvalidOperationException("Playbound:Cluster:Enabled needs Playbound:Storage=Postgres: silos share the social store there.");
        }

        if (enabled && string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException("Playbound:Cluster:Enabled needs ConnectionStrings:Redis: membership, grain state and the realtime backplane live there.");
        }

        var host = configuration["Playbound:Cluster:AdvertisedHost"];
        return new ClusterSettings(
            enabled,
            Text(configuration, "Playbound:Cluster:ClusterId", DefaultId),
            Text(configuration, "Playbound:Cluster:ServiceId", DefaultId),
            string.IsNullOrWhiteSpace(host) ? Environment.MachineName : host,
            siloPort,
            gatewayPort,
            redis,
            Parse(configuration, "Playbound:Cluster:Kubernetes", false, bool.TryParse));
    }

    private delegate bool TryParse<T>(string? text, out T value);

    private static string Text(IConfiguration configuration, string key, string fallback) =>
        configuration[key] is { Length: > 0 } text ? text : fallback;

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var port = Parse(configuration, key, fallback, int.TryParse);
        return port is > 0 and <= 65535 ? port : throw new InvalidOperationException($"{key} is {port}; use a port between 1 and 65535.");
    }

    private static T Parse<T>(IConfiguration configuration, string key, T fallback, TryParse<T> tryParse)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return tryParse(text, out var value) ? value : throw new InvalidOperationException($"{key} is '{text}', which does not parse.");
    }
}
