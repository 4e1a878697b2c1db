using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>The literal environment a container gets: its ConfigMaps (envFrom), overridden by its own <c>env</c> values.</summary>
internal static class ContainerEnvironment
{
    public static IReadOnlyDictionary<string, string> Resolve(IReadOnlyList<JsonObject> resources, JsonObject container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in Manifest.List(container["envFrom"]))
        {
            var configMap = resources.OfKind("ConfigMap").FirstOrDefault(map => map.Name() == (string?)source["configMapRef"]?["name"]);
            foreach (var (key, value) in Manifest.Labels(configMap?["data"]))
            {
                environment[key] = value;
            }
        }

        foreach (var variable in Manifest.List(container["env"]).Where(variable => variable["value"] is not null))
        {
            environment[(string)variable["name"]!] = (string)variable["value"]!;
        }

        return environment;
    }
}
