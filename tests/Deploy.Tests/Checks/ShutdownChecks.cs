using System.Globalization;
using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>
/// A Playbound pod is killed only after it has left membership and deactivated its grains (k8s/README.md):
/// grace period &gt; preStop sleep + host shutdown timeout, and the host shutdown timeout covers
/// 2 × membership OperationTimeout (ShuttingDown, then Dead) + grain DeactivationTimeout.
/// </summary>
internal static class ShutdownChecks
{
    private const string HostShutdownKey = "DOTNET_SHUTDOWNTIMEOUTSECONDS";
    private const string OperationTimeoutKey = "Playbound__Cluster__Membership__OperationTimeout";
    private const string DeactivationTimeoutKey = "Playbound__Runtime__Collection__DeactivationTimeout";

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
        if (!environment.TryGetValue(HostShutdownKey, out var hostText)
            || !environment.TryGetValue(OperationTimeoutKey, out var operationText)
            || !environment.TryGetValue(DeactivationTimeoutKey, out var deactivationText))
        {
            return $"the shutdown budget needs {HostShutdownKey}, {OperationTimeoutKey} and {DeactivationTimeoutKey} set";
        }

        var preStop = Seconds((string?)container["lifecycle"]?["preStop"]?["sleep"]?["seconds"]);
        var grace = Seconds((string?)workload.PodSpec()?["terminationGracePeriodSeconds"]);
        var host = Seconds(hostText);
        var budget = 2 * TimeSpan.Parse(operationText, CultureInfo.InvariantCulture).TotalSeconds
            + TimeSpan.Parse(deactivationText, CultureInfo.InvariantCulture).TotalSeconds;
        if (preStop is null || grace is null)
        {
            return "needs a preStop sleep and terminationGracePeriodSeconds";
        }

        if (host < budget)
        {
            return $"host shutdown timeout {host} s is under the {budget} s of leaving membership and deactivating grains";
        }

        return grace <= preStop + host
            ? $"terminationGracePeriodSeconds {grace} does not exceed preStop {preStop} s + host shutdown {host} s"
            : null;
    }

    private static int? Seconds(string? text) => text is null ? null : int.Parse(text, CultureInfo.InvariantCulture);
}
