using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>
/// Silos run Orleans' Kubernetes hosting (<c>Playbound:Cluster:Kubernetes</c>, <c>UseKubernetesHosting()</c>): it needs the
/// pod's identity from the downward API, the cluster and service ids as pod labels, and a ServiceAccount allowed to
/// read, label, watch and delete pods. Api nodes join the cluster the silos' labels name.
/// </summary>
internal static class OrleansChecks
{
    /// <summary>The default of <c>Playbound:Cluster:ClusterId</c> and <c>:ServiceId</c> (ClusterSettings.DefaultId).</summary>
    public const string DefaultId = "playbound";

    public const string ClusterIdLabel = "orleans/clusterId";
    public const string ServiceIdLabel = "orleans/serviceId";

    /// <summary>What KubernetesHostingOptions reads from the environment, and the downward-API field each must come from.</summary>
    public static readonly IReadOnlyDictionary<string, string> HostingEnvironment = new Dictionary<string, string>
    {
        ["POD_NAMESPACE"] = "metadata.namespace",
        ["POD_NAME"] = "metadata.name",
        ["POD_IP"] = "status.podIP",
        ["ORLEANS_CLUSTER_ID"] = $"metadata.labels['{ClusterIdLabel}']",
        ["ORLEANS_SERVICE_ID"] = $"metadata.labels['{ServiceIdLabel}']",
    };

    /// <summary>
    /// The pod verbs Orleans 10.4.2's KubernetesClusterAgent uses: get and patch its own pod (it labels it with the ids),
    /// list and watch the cluster's pods, delete defunct silos' pods (when DeleteDefunctSiloPods is on).
    /// </summary>
    public static readonly string[] PodVerbs = ["get", "list", "watch", "patch", "delete"];

    /// <summary>Whether a container is an Orleans silo: a Playbound container that declares the silo port.</summary>
    public static bool IsSilo(JsonObject container) =>
        ContainerChecks.IsPlaybound(container) && Manifest.List(container["ports"]).Any(port => (string?)port["name"] == "silo");

    public static IEnumerable<string> KubernetesHosting(IReadOnlyList<JsonObject> resources)
    {
        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload).Where(IsSilo))
            {
                var where = $"{workload.Kind()} {workload.Name()} container {container["name"]}";
                var environment = ContainerEnvironment.Resolve(resources, container);
                if (!string.Equals(environment.GetValueOrDefault("Playbound__Cluster__Kubernetes"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{where}: Playbound__Cluster__Kubernetes is not \"true\"";
                }

                var fields = Manifest.List(container["env"]).ToDictionary(
                    variable => (string)variable["name"]!, variable => (string?)variable["valueFrom"]?["fieldRef"]?["fieldPath"]);
                foreach (var (name, field) in HostingEnvironment.Where(pair => fields.GetValueOrDefault(pair.Key) != pair.Value))
                {
                    yield return $"{where}: {name} does not come from the downward API's {field}";
                }

                var labels = workload.PodLabels();
                foreach (var (label, key) in new[] { (ClusterIdLabel, "Playbound__Cluster__ClusterId"), (ServiceIdLabel, "Playbound__Cluster__ServiceId") })
                {
                    var configured = Configured(environment, key);
                    if (labels.GetValueOrDefault(label) != configured)
                    {
                        yield return $"{workload.Kind()} {workload.Name()}: pod label {label} is {labels.GetValueOrDefault(label) ?? "missing"}, not {key}'s {configured}";
                    }
                }
            }
        }
    }

    /// <summary>Every Playbound container that is no silo (an Api node, an Orleans client) joins a cluster some silos are labelled with.</summary>
    public static IEnumerable<string> ClientsJoinTheSilos(IReadOnlyList<JsonObject> resources)
    {
        var silos = resources.Workloads().Where(workload => Manifest.Containers(workload).Any(IsSilo))
            .Select(workload => (Cluster: workload.PodLabels().GetValueOrDefault(ClusterIdLabel), Service: workload.PodLabels().GetValueOrDefault(ServiceIdLabel)))
            .ToHashSet();
        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload).Where(container => ContainerChecks.IsPlaybound(container) && !IsSilo(container)))
            {
                var environment = ContainerEnvironment.Resolve(resources, container);
                var joins = (Cluster: Configured(environment, "Playbound__Cluster__ClusterId"), Service: Configured(environment, "Playbound__Cluster__ServiceId"));
                if (!silos.Contains(joins))
                {
                    yield return $"{workload.Kind()} {workload.Name()} container {container["name"]}: joins cluster {joins.Cluster} of service {joins.Service}, which no silo pods are labelled with";
                }
            }
        }
    }

    public static IEnumerable<string> PodPermissions(IReadOnlyList<JsonObject> resources)
    {
        foreach (var workload in resources.Workloads().Where(workload => Manifest.Containers(workload).Any(IsSilo)))
        {
            var where = $"{workload.Kind()} {workload.Name()}";
            var accountName = (string?)workload.PodSpec()?["serviceAccountName"];
            var account = resources.OfKind("ServiceAccount").FirstOrDefault(candidate => candidate.Name() == accountName);
            if (accountName is null || account is null)
            {
                yield return $"{where}: serviceAccountName {accountName ?? "(unset)"} is no ServiceAccount of the rendering";
                continue;
            }

            if ((string?)workload.PodSpec()?["automountServiceAccountToken"] == "false" || (string?)account["automountServiceAccountToken"] == "false")
            {
                yield return $"{where}: the ServiceAccount token is not mounted, so Orleans cannot call the API server";
            }

            var accountNamespace = (string?)account["metadata"]?["namespace"];
            var granted = resources.OfKind("RoleBinding")
                .Where(binding => Manifest.List(binding["subjects"]).Any(subject => (string?)subject["kind"] == "ServiceAccount"
                    && (string?)subject["name"] == accountName && (string?)subject["namespace"] == accountNamespace))
                .Select(binding => binding["roleRef"])
                .Where(role => (string?)role?["kind"] == "Role")
                .SelectMany(role => resources.OfKind("Role").Where(candidate => candidate.Name() == (string?)role?["name"]))
                .SelectMany(role => Manifest.List(role["rules"]))
                .Where(rule => Strings(rule["apiGroups"]).Contains("") && Strings(rule["resources"]).Overlaps(["pods", "*"]))
                .SelectMany(rule => Strings(rule["verbs"]))
                .ToHashSet();
            var missing = granted.Contains("*") ? [] : PodVerbs.Where(verb => !granted.Contains(verb)).ToList();
            if (missing.Count > 0)
            {
                yield return $"{where}: no Role bound to ServiceAccount {accountName} in namespace {accountNamespace ?? "(unset)"} grants {string.Join(", ", missing)} on pods";
            }
        }
    }

    private static string Configured(IReadOnlyDictionary<string, string> environment, string key) =>
        environment.GetValueOrDefault(key) is { Length: > 0 } value ? value : DefaultId;

    private static HashSet<string> Strings(JsonNode? list) => [.. list?.AsArray().Select(item => (string?)item ?? "") ?? []];
}
