using System.Text.Json.Nodes;

namespace Playbound.Deploy.Tests.Rendering;

/// <summary>Navigation over rendered Kubernetes objects.</summary>
internal static class Manifest
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet"];

    public static string? Kind(this JsonObject resource) => (string?)resource["kind"];

    public static string? Name(this JsonObject resource) => (string?)resource["metadata"]?["name"];

    public static bool IsWorkload(this JsonObject resource) => WorkloadKinds.Contains(resource.Kind());

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> resources, string kind) =>
        resources.Where(resource => resource.Kind() == kind);

    public static IEnumerable<JsonObject> Workloads(this IEnumerable<JsonObject> resources) => resources.Where(IsWorkload);

    public static JsonObject? PodSpec(this JsonObject workload) => workload["spec"]?["template"]?["spec"]?.AsObject();

    public static IReadOnlyDictionary<string, string> PodLabels(this JsonObject workload) =>
        Labels(workload["spec"]?["template"]?["metadata"]?["labels"]);

    /// <summary>A workload's containers; none for any other kind.</summary>
    public static IEnumerable<JsonObject> Containers(JsonObject resource) =>
        resource.IsWorkload() ? List(resource.PodSpec()?["containers"]) : [];

    public static IEnumerable<JsonObject> List(JsonNode? node) => node?.AsArray().OfType<JsonObject>() ?? [];

    public static IReadOnlyDictionary<string, string> Labels(JsonNode? labels) =>
        labels?.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!) ?? [];

    /// <summary>Whether every label of <paramref name="selector"/> is among <paramref name="labels"/>; an empty selector selects nothing here.</summary>
    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
