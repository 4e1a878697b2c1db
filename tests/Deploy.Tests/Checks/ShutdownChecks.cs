using System.Globalization;
using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>
/// A Playbound pod is killed only after it has stopped cleanly (k8s/README.md, Shutdown time): grace period &gt; preStop
/// sleep + host shutdown timeout (+ on silos the Kafka producer's flush at disposal, bounded by
/// <c>Playbound:Streams:Kafka:OperationTimeout</c>), and on silos the host shutdown timeout covers Orleans' own shutdown
/// steps, which configuration does not change.
/// </summary>
internal static class ShutdownChecks
{
    /// <summary>
    /// Orleans' shutdown of a silo, fixed because Playbound binds none of these options from configuration:
    /// GrainCollectionOptions.DeactivationTimeout (30 s) for deactivating every grain and writing its state, plus
    /// ClusterMembershipOptions.ClusteringShutdownGracePeriod (5 s) for the membership agent's leave.
    /// </summary>
    public const int OrleansShutdownSeconds = 30 + 5;

    /// <summary>KafkaStreamOptions.DefaultOperationTimeoutSeconds.</summary>
    public const int DefaultKafkaOperationTimeoutSeconds = 10;

    private const string HostShutdownKey = "DOTNET_SHUTDOWNTIMEOUTSECONDS";
    private const string KafkaOperationTimeoutKey = "Playbound__Streams__Kafka__OperationTimeout";

    public static IEnumerable<string> GracePeriods(IReadOnlyList<JsonObject> resources)
    {
        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload).Where(ContainerChecks.IsPlaybound))
            {
                var where = $"{workload.Kind()} {workload.Name()} container {container["name"]}";
                var problem = Problem(resources, workload, container);
                if (problem is not null)
                {
                    yield return $"{where}: {problem}";
                }
            }
        }
    }

    private static string? Problem(IReadOnlyList<JsonObject> resources, JsonObject workload, JsonObject container)
    {
        var environment = ContainerEnvironment.Resolve(resources, container);
        if (!environment.TryGetValue(HostShutdownKey, out var hostText))
        {
            return $"the shutdown budget needs {HostShutdownKey} set";
        }

        var preStop = Seconds((string?)container["lifecycle"]?["preStop"]?["sleep"]?["seconds"]);
        var grace = Seconds((string?)workload.PodSpec()?["terminationGracePeriodSeconds"]);
        var host = Seconds(hostText);
        if (preStop is null || grace is null)
        {
            return "needs a preStop sleep and terminationGracePeriodSeconds";
        }

        if (!OrleansChecks.IsSilo(container))
        {
            return grace <= preStop + host
                ? $"terminationGracePeriodSeconds {grace} does not exceed preStop {preStop} s + host shutdown {host} s"
                : null;
        }

        if (host < OrleansShutdownSeconds)
        {
            return $"host shutdown timeout {host} s is under the {OrleansShutdownSeconds} s of Orleans deactivating grains and leaving membership";
        }

        var flush = environment.TryGetValue(KafkaOperationTimeoutKey, out var flushText)
            ? (int)Math.Ceiling(TimeSpan.Parse(flushText, CultureInfo.InvariantCulture).TotalSeconds)
            : DefaultKafkaOperationTimeoutSeconds;
        return grace <= preStop + host + flush
            ? $"terminationGracePeriodSeconds {grace} does not exceed preStop {preStop} s + host shutdown {host} s + Kafka producer flush {flush} s"
            : null;
    }

    private static int? Seconds(string? text) => text is null ? null : int.Parse(text, CultureInfo.InvariantCulture);
}
