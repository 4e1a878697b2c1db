using Microsoft.Extensions.Configuration;

namespace Playbound.Hosting;

/// <summary>
/// Whether this silo joins a cluster (<c>Playbound:Cluster</c>), and the endpoint it advertises to the others. Off by
/// default: embedded mode has one silo and no membership.
/// </summary>
/// <param name="Enabled">Whether the silo joins cluster membership.</param>
/// <param name="AdvertisedHost">The host name or address other silos and gateways reach this silo at.</param>
/// <param name="SiloPort">The grain-call port this silo listens on and advertises.</param>
public sealed record ClusterSettings(bool Enabled, string AdvertisedHost, int SiloPort)
{
    /// <summary>The default of <c>Playbound:Cluster:SiloPort</c> (Orleans' default silo port).</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>
    /// Reads <c>Playbound:Cluster:Enabled</c>, <c>:AdvertisedHost</c> (default: the machine name, which is the pod
    /// name in Kubernetes) and <c>:SiloPort</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value does not parse, or cluster mode is on without PostgreSQL storage.</exception>
    public static ClusterSettings From(IConfiguration configuration, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        var enabled = Parse(configuration, "Playbound:Cluster:Enabled", false, bool.TryParse);
        var port = Parse(configuration, "Playbound:Cluster:SiloPort", DefaultSiloPort, int.TryParse);
        if (port is <= 0 or > 65535)
        {
            throw new InvalidOperationException($"Playbound:Cluster:SiloPort is {port}; use a port between 1 and 65535.");
        }

        if (enabled && storage.Kind != StorageKind.Postgres)
        {
            throw new InvalidOperationException("Playbound:Cluster:Enabled needs Playbound:Storage=Postgres: silos share state and membership there.");
        }

        var host = configuration["Playbound:Cluster:AdvertisedHost"];
        return new ClusterSettings(enabled, string.IsNullOrWhiteSpace(host) ? Environment.MachineName : host, port);
    }

    private delegate bool TryParse<T>(string? text, out T value);

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
