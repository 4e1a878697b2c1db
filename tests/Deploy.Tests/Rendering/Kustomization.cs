using System.Text.Json.Nodes;

namespace Playbound.Deploy.Tests.Rendering;

/// <summary>
/// Renders a kustomization directory with the subset of kustomize that k8s/ uses (kubectl is not available to the
/// tests): <c>resources</c> (files and directories), <c>patches</c> (strategic-merge files, matched on kind and name),
/// <c>images</c> (<c>newName</c>, <c>newTag</c>), <c>secretGenerator</c>/<c>configMapGenerator</c> literals and
/// <c>namespace</c> (set on every namespaced object; of RoleBinding subjects, like kustomize's default, only on those
/// named <c>default</c>). Generated names get no hash suffix, so references need no rewriting.
/// </summary>
internal static class Kustomization
{
    /// <summary>Kinds k8s/ uses that have no namespace.</summary>
    private static readonly string[] ClusterScopedKinds =
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass"];

    public static IReadOnlyList<JsonObject> Render(string directory)
    {
        var kustomization = Yaml.ReadDocuments(File.ReadAllText(Path.Combine(directory, "kustomization.yaml"))).Single();
        var resources = new List<JsonObject>();
        foreach (var entry in Items(kustomization["resources"]).Select(item => (string)item!))
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry));
            resources.AddRange(Directory.Exists(path) ? Render(path) : Yaml.ReadDocuments(File.ReadAllText(path)));
        }

        resources.AddRange(Items(kustomization["configMapGenerator"]).Select(generator => Generate(generator!, "ConfigMap", "data")));
        resources.AddRange(Items(kustomization["secretGenerator"]).Select(generator => Generate(generator!, "Secret", "stringData")));
        foreach (var patch in Items(kustomization["patches"]))
        {
            ApplyPatchFile(resources, Path.Combine(directory, (string)patch!["path"]!));
        }

        foreach (var image in Items(kustomization["images"]))
        {
            SetImage(resources, image!.AsObject());
        }

        if ((string?)kustomization["namespace"] is { Length: > 0 } name)
        {
            SetNamespace(resources, name);
        }

        return resources;
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? list) => list?.AsArray() ?? [];

    private static JsonObject Generate(JsonNode generator, string kind, string dataField)
    {
        var data = new JsonObject();
        foreach (var literal in Items(generator["literals"]).Select(item => (string)item!))
        {
            var separator = literal.IndexOf('=', StringComparison.Ordinal);
            data[literal[..separator]] = literal[(separator + 1)..];
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = (string)generator["name"]! },
            [dataField] = data,
        };
    }

    private static void ApplyPatchFile(List<JsonObject> resources, string path)
    {
        foreach (var patch in Yaml.ReadDocuments(File.ReadAllText(path)))
        {
            var kind = (string?)patch["kind"];
            var name = (string?)patch["metadata"]?["name"];
            var target = resources.SingleOrDefault(resource => resource.Kind() == kind && resource.Name() == name)
                ?? throw new InvalidOperationException($"{path}: no {kind} named {name} to patch");
            StrategicMerge.Apply(target, patch);
        }
    }

    private static void SetNamespace(List<JsonObject> resources, string name)
    {
        foreach (var resource in resources.Where(resource => !ClusterScopedKinds.Contains(resource.Kind())))
        {
            resource["metadata"]!["namespace"] = name;
        }

        foreach (var binding in resources.Where(resource => resource.Kind() is "RoleBinding" or "ClusterRoleBinding"))
        {
            foreach (var subject in Manifest.List(binding["subjects"]).Where(subject => (string?)subject["name"] == "default"))
            {
                subject["namespace"] = name;
            }
        }
    }

    private static void SetImage(List<JsonObject> resources, JsonObject image)
    {
        var name = (string)image["name"]!;
        foreach (var container in resources.SelectMany(Manifest.Containers))
        {
            var current = (string)container["image"]!;
            var separator = current.LastIndexOf(':');
            var (currentName, currentTag) = separator < 0 ? (current, null) : (current[..separator], current[(separator + 1)..]);
            if (currentName == name)
            {
                var tag = (string?)image["newTag"] ?? currentTag;
                container["image"] = ((string?)image["newName"] ?? name) + (tag is null ? "" : ":" + tag);
            }
        }
    }
}
