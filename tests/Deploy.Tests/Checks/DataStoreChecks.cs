using System.Globalization;
using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>
/// The servers a rendering runs itself: an in-cluster Redis keeps Orleans' grain state and membership, so it must log
/// every write (AOF, fsync always) to a persistent volume; a Strimzi Kafka must carry the topics the silos read, with the
/// partition count they expect.
/// </summary>
internal static class DataStoreChecks
{
    public const string DefaultTopic = "playbound-events";
    public const int DefaultPartitions = 8;
    public const string DeadLetterSuffix = ".dead-letters";

    public static IEnumerable<string> RedisDurability(IReadOnlyList<JsonObject> resources)
    {
        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload).Where(IsRedis))
            {
                var where = $"{workload.Kind()} {workload.Name()} container {container["name"]}";
                var arguments = Strings(container["command"]).Concat(Strings(container["args"])).ToList();
                foreach (var (option, value) in new[] { ("--appendonly", "yes"), ("--appendfsync", "always") })
                {
                    if (Option(arguments, option) != value)
                    {
                        yield return $"{where}: redis-server is not started with {option} {value}";
                    }
                }

                var directory = Option(arguments, "--dir") ?? "/data";
                var mount = Manifest.List(container["volumeMounts"]).FirstOrDefault(candidate => (string?)candidate["mountPath"] == directory);
                var claims = Manifest.List(workload["spec"]?["volumeClaimTemplates"]).Select(claim => (string?)claim["metadata"]?["name"]);
                var podClaims = Manifest.List(workload.PodSpec()?["volumes"]).Where(volume => volume["persistentVolumeClaim"] is not null)
                    .Select(volume => (string?)volume["name"]);
                if (mount is null || !claims.Concat(podClaims).Contains((string?)mount["name"]))
                {
                    yield return $"{where}: the data directory {directory} is not on a PersistentVolumeClaim";
                }
            }
        }
    }

    public static IEnumerable<string> KafkaTopics(IReadOnlyList<JsonObject> resources)
    {
        var clusters = resources.OfKind("Kafka").Where(IsStrimzi).Select(kafka => kafka.Name()).ToHashSet();
        if (clusters.Count == 0)
        {
            yield break;
        }

        var topics = resources.OfKind("KafkaTopic").Where(IsStrimzi).ToList();
        foreach (var topic in topics.Where(topic => !clusters.Contains((string?)topic["metadata"]?["labels"]?["strimzi.io/cluster"])))
        {
            yield return $"KafkaTopic {topic.Name()}: label strimzi.io/cluster names no Kafka of the rendering";
        }

        foreach (var workload in resources.Workloads())
        {
            foreach (var container in Manifest.Containers(workload).Where(OrleansChecks.IsSilo))
            {
                var where = $"{workload.Kind()} {workload.Name()} container {container["name"]}";
                var environment = ContainerEnvironment.Resolve(resources, container);
                var name = environment.GetValueOrDefault("Playbound__Streams__Kafka__Topic") is { Length: > 0 } configured ? configured : DefaultTopic;
                var partitions = environment.TryGetValue("Playbound__Streams__Kafka__Partitions", out var text)
                    ? int.Parse(text, CultureInfo.InvariantCulture)
                    : DefaultPartitions;
                var deadLetters = environment.GetValueOrDefault("Playbound__Streams__Kafka__DeadLetterTopic") is { Length: > 0 } dead ? dead : name + DeadLetterSuffix;
                var events = topics.FirstOrDefault(topic => TopicName(topic) == name);
                if (events is null)
                {
                    yield return $"{where}: reads topic {name}, which no KafkaTopic creates";
                }
                else if ((string?)events["spec"]?["partitions"] != partitions.ToString(CultureInfo.InvariantCulture))
                {
                    yield return $"{where}: expects {partitions} partitions of {name}, KafkaTopic {events.Name()} has {events["spec"]?["partitions"]}";
                }

                if (!topics.Any(topic => TopicName(topic) == deadLetters))
                {
                    yield return $"{where}: dead-letters to topic {deadLetters}, which no KafkaTopic creates";
                }
            }
        }
    }

    public static bool IsRedis(JsonObject container) =>
        ((string?)container["image"])?.Split(':')[0].Split('/')[^1] == "redis";

    public static string? TopicName(JsonObject topic) => (string?)topic["spec"]?["topicName"] ?? topic.Name();

    private static bool IsStrimzi(JsonObject resource) =>
        ((string?)resource["apiVersion"])?.StartsWith("kafka.strimzi.io/", StringComparison.Ordinal) == true;

    private static string? Option(IReadOnlyList<string> arguments, string option)
    {
        var index = arguments.ToList().LastIndexOf(option);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(item => (string?)item ?? "") ?? [];
}
