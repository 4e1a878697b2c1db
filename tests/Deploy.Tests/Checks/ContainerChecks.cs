using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>Probes, resources and rollout strategy of every container and workload.</summary>
internal static class ContainerChecks
{
    /// <summary>What ServiceDefaultsExtensions.MapDefaultEndpoints serves, by probe.</summary>
    private static readonly Dictionary<string, string> AppProbePaths = new()
    {
        ["startupProbe"] = "/health/live",
        ["readinessProbe"] = "/health/ready",
        ["livenessProbe"] = "/health/live",
    };

    /// <summary>Whether a container runs one of Playbound's own images (as opposed to PostgreSQL or Redis).</summary>
    public static bool IsPlaybound(JsonObject container) => ((string?)container["image"])?.StartsWith("playbound/", StringComparison.Ordinal) == true;

    public static IEnumerable<string> ProbesAndResources(IReadOnlyList<JsonObject> resources)
    {
        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload))
            {
                var where = $"{workload.Kind()} {workload.Name()} container {container["name"]}";
                var required = IsPlaybound(container) && workload.Kind() == "StatefulSet"
                    ? AppProbePaths.Keys
                    : AppProbePaths.Keys.Where(probe => probe != "startupProbe");
                foreach (var probe in required.Where(probe => container[probe] is null))
                {
                    yield return $"{where}: no {probe}";
                }

                foreach (var problem in AppProbePaths.Keys.Where(probe => container[probe] is not null)
                    .SelectMany(probe => ProbeProblems(container, probe)))
                {
                    yield return $"{where}: {problem}";
                }

                foreach (var field in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" }.Where(resource => container["resources"]?[field]?[resource] is null))
                    {
                        yield return $"{where}: no resources.{field}.{resource}";
                    }
                }
            }
        }
    }

    /// <summary>A Deployment must start a new pod before stopping an old one.</summary>
    public static IEnumerable<string> Rollouts(IReadOnlyList<JsonObject> resources) =>
        from deployment in resources.OfKind("Deployment")
        let maxUnavailable = (string?)deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxUnavailable"]
        where maxUnavailable != "0"
        select $"Deployment {deployment.Name()}: rollingUpdate.maxUnavailable is {maxUnavailable ?? "unset"}, not 0";

    private static IEnumerable<string> ProbeProblems(JsonObject container, string probe)
    {
        var handler = container[probe]!;
        var port = (string?)(handler["httpGet"] ?? handler["tcpSocket"])?["port"];
        if (port is not null && !Manifest.List(container["ports"]).Any(declared => (string?)declared["name"] == port || (string?)declared["containerPort"] == port))
        {
            yield return $"{probe} port {port} is not a declared container port";
        }

        if (IsPlaybound(container) && (string?)handler["httpGet"]?["path"] != AppProbePaths[probe])
        {
            yield return $"{probe} is not an HTTP GET of {AppProbePaths[probe]}";
        }
    }
}
