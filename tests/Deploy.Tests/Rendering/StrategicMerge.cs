using System.Text.Json.Nodes;

namespace Playbound.Deploy.Tests.Rendering;

/// <summary>
/// The part of Kubernetes' strategic merge patch k8s/ relies on: maps merge key by key, and lists of named items
/// (containers, ports, env) merge item by item on <c>name</c>. Any other list is replaced. No <c>$patch</c> directives.
/// </summary>
internal static class StrategicMerge
{
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            switch (target[key], value)
            {
                case (JsonObject existing, JsonObject changes):
                    Apply(existing, changes);
                    break;
                case (JsonArray existing, JsonArray changes) when IsNamedList(existing) && IsNamedList(changes):
                    MergeByName(existing, changes);
                    break;
                default:
                    target[key] = value?.DeepClone();
                    break;
            }
        }
    }

    private static bool IsNamedList(JsonArray list) => list.All(item => item is JsonObject named && named["name"] is not null);

    private static void MergeByName(JsonArray target, JsonArray patch)
    {
        foreach (var item in patch.Cast<JsonObject>())
        {
            var name = (string?)item["name"];
            var existing = target.Cast<JsonObject>().FirstOrDefault(candidate => (string?)candidate["name"] == name);
            if (existing is null)
            {
                target.Add(item.DeepClone());
            }
            else
            {
                Apply(existing, item);
            }
        }
    }
}
