using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>Settings the manifests give are ones the apps read, and every Secret/ConfigMap they name exists.</summary>
internal static class ConfigurationChecks
{
    private static readonly string[] AppKeyPrefixes = ["Playbound__", "ConnectionStrings__"];

    public static IEnumerable<string> KeysAreDocumented(IReadOnlyList<JsonObject> resources, CheckContext context)
    {
        var configMapKeys = resources.OfKind("ConfigMap")
            .SelectMany(map => Manifest.Labels(map["data"]).Keys.Select(key => (Where: $"ConfigMap {map.Name()}", Key: key)));
        var environmentKeys = resources.Workloads()
            .SelectMany(workload => Manifest.Containers(workload).SelectMany(container => Manifest.List(container["env"])
                .Select(variable => (Where: $"{workload.Kind()} {workload.Name()} container {container["name"]}", Key: (string)variable["name"]!))));
        return from setting in configMapKeys.Concat(environmentKeys)
               where AppKeyPrefixes.Any(prefix => setting.Key.StartsWith(prefix, StringComparison.Ordinal))
               let key = setting.Key.Replace("__", ":", StringComparison.Ordinal)
               where !context.ConfigurationKeys.Contains(key)
               select $"{setting.Where}: {setting.Key} is not a key in README.md's Configuration table";
    }

    public static IEnumerable<string> ReferencesResolve(IReadOnlyList<JsonObject> resources, CheckContext context)
    {
        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload))
            {
                var where = $"{workload.Kind()} {workload.Name()} container {container["name"]}";
                var references = Manifest.List(container["env"]).Select(variable => variable["valueFrom"])
                    .Concat(Manifest.List(container["envFrom"]));
                foreach (var reference in references.OfType<JsonObject>())
                {
                    var problem = SecretProblem(resources, context, reference["secretKeyRef"] ?? reference["secretRef"])
                        ?? ConfigMapProblem(resources, reference["configMapKeyRef"] ?? reference["configMapRef"]);
                    if (problem is not null)
                    {
                        yield return $"{where}: {problem}";
                    }
                }
            }
        }
    }

    private static string? SecretProblem(IReadOnlyList<JsonObject> resources, CheckContext context, JsonNode? reference)
    {
        var name = (string?)reference?["name"];
        if (name is null || context.ExternalSecrets.Contains(name))
        {
            return null;
        }

        var secret = resources.OfKind("Secret").FirstOrDefault(candidate => candidate.Name() == name);
        if (secret is null)
        {
            return $"Secret {name} is neither defined nor a documented external Secret";
        }

        var key = (string?)reference!["key"];
        return key is null || (secret["stringData"] ?? secret["data"])?[key] is not null ? null : $"Secret {name} has no key {key}";
    }

    private static string? ConfigMapProblem(IReadOnlyList<JsonObject> resources, JsonNode? reference)
    {
        var name = (string?)reference?["name"];
        if (name is null)
        {
            return null;
        }

        var configMap = resources.OfKind("ConfigMap").FirstOrDefault(candidate => candidate.Name() == name);
        var key = (string?)reference!["key"];
        return configMap is null ? $"ConfigMap {name} is not defined"
            : key is not null && configMap["data"]?[key] is null ? $"ConfigMap {name} has no key {key}"
            : null;
    }
}
