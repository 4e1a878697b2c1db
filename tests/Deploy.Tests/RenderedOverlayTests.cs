using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Playbound.Deploy.Tests.Checks;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests;

public sealed class RenderedOverlayTests
{
    [Theory]
    [InlineData("base")]
    [InlineData("overlays/dev")]
    [InlineData("overlays/prod")]
    public void Rendering_passes_every_manifest_check(string overlay)
    {
        var resources = Kustomization.Render(Repository.K8s(overlay));

        Assert.Empty(ManifestChecks.Run(resources, Repository.ContextFor(overlay)));
    }

    [Theory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/prod")]
    public void Silos_and_api_nodes_are_told_where_postgres_redis_and_kafka_are(string overlay)
    {
        var resources = Kustomization.Render(Repository.K8s(overlay));

        // Cluster mode refuses to start without PostgreSQL and Redis, and the Kafka provider without bootstrap servers.
        Assert.Superset(
            new HashSet<string> { "ConnectionStrings__Postgres", "ConnectionStrings__Redis", "Playbound__Streams__Kafka__BootstrapServers" },
            EnvironmentNames(Workload(resources, "playbound-silo")));
        Assert.Superset(
            new HashSet<string> { "ConnectionStrings__Postgres", "ConnectionStrings__Redis", "Playbound__Auth__SigningKey" },
            EnvironmentNames(Workload(resources, "playbound-api")));
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/dev")]
    [InlineData("overlays/prod")]
    public void Silos_run_orleans_kubernetes_hosting_and_api_nodes_are_orleans_clients(string overlay)
    {
        var resources = Kustomization.Render(Repository.K8s(overlay));

        var silo = Workload(resources, "playbound-silo");
        var siloContainer = Manifest.Containers(silo).Single();
        Assert.Equal("true", ContainerEnvironment.Resolve(resources, siloContainer)["Playbound__Cluster__Kubernetes"]);
        Assert.Superset(OrleansChecks.HostingEnvironment.Keys.ToHashSet(), EnvironmentNames(silo));
        Assert.Equal(("playbound", "playbound"), (silo.PodLabels()[OrleansChecks.ClusterIdLabel], silo.PodLabels()[OrleansChecks.ServiceIdLabel]));
        Assert.Equal(["gateway", "http", "silo"], Manifest.List(siloContainer["ports"]).Select(port => (string)port["name"]!).Order());

        // The Api hosts no grains: no silo port, no Kubernetes hosting, no ServiceAccount of the silos.
        var api = Workload(resources, "playbound-api");
        Assert.Equal(["http"], Manifest.List(Manifest.Containers(api).Single()["ports"]).Select(port => (string)port["name"]!));
        Assert.Null(api.PodSpec()!["serviceAccountName"]);
        Assert.DoesNotContain("Playbound__Cluster__Kubernetes", EnvironmentNames(api));

        var role = resources.OfKind("Role").Single(candidate => candidate.Name() == "playbound-silo");
        Assert.Equal(OrleansChecks.PodVerbs.Order(), Manifest.List(role["rules"]).Single()["verbs"]!.AsArray().Select(verb => (string)verb!).Order());
        Assert.All(resources.Where(resource => resource.Kind() != "Namespace"), resource => Assert.Equal("playbound", (string?)resource["metadata"]!["namespace"]));
    }

    [Fact]
    public void Dev_runs_one_api_replica_with_dev_images_and_generated_secrets()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/dev"));

        var api = Workload(resources, "playbound-api");
        Assert.Equal("1", (string?)api["spec"]!["replicas"]);
        Assert.Equal("playbound/api:dev", (string?)Manifest.Containers(api).Single()["image"]);
        Assert.Contains(resources.OfKind("Secret"), secret => secret.Name() == Repository.ExternalSecret);
        Assert.Equal(["playbound-api", "playbound-postgres", "playbound-redis", "playbound-silo"],
            resources.Workloads().Select(workload => workload.Name()).Order());
        Assert.Equal(["playbound"], resources.OfKind("Namespace").Select(ns => ns.Name()));
    }

    [Fact]
    public void Dev_runs_redis_with_an_fsynced_append_only_file_on_a_volume_claim()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/dev"));

        var redis = Workload(resources, "playbound-redis");
        var arguments = string.Join(' ', Manifest.Containers(redis).Single()["args"]!.AsArray().Select(argument => (string)argument!));
        Assert.Contains("--appendonly yes", arguments, StringComparison.Ordinal);
        Assert.Contains("--appendfsync always", arguments, StringComparison.Ordinal);
        Assert.Equal("data", (string?)redis["spec"]!["volumeClaimTemplates"]![0]!["metadata"]!["name"]);
    }

    [Fact]
    public void Dev_secrets_point_at_the_in_cluster_servers()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/dev"));
        var secret = resources.OfKind("Secret").Single(candidate => candidate.Name() == Repository.ExternalSecret)["stringData"]!;

        var postgresHost = Regex.Match((string)secret["postgres-connection"]!, "Host=([^;]+)").Groups[1].Value;
        var redisHost = ((string)secret["redis-connection"]!).Split(',')[0];
        Assert.Contains(resources.OfKind("Service"), service => service.Name() == postgresHost);
        Assert.Contains(resources.OfKind("Service"), service => $"{service.Name()}:{service["spec"]!["ports"]![0]!["port"]}" == redisHost);

        // Strimzi names the bootstrap Service after the Kafka resource; the port is the plain listener's.
        var kafka = resources.OfKind("Kafka").Single();
        var listener = Manifest.List(kafka["spec"]!["kafka"]!["listeners"]).Single(candidate => (string?)candidate["tls"] == "false");
        Assert.Equal($"{kafka.Name()}-kafka-bootstrap:{listener["port"]}", (string?)secret["kafka-bootstrap-servers"]);
        Assert.Contains("--requirepass", Manifest.Containers(Workload(resources, "playbound-redis")).Single()["args"]!.AsArray().Select(a => (string?)a));
        Assert.Contains($"password={secret["redis-password"]}", (string)secret["redis-connection"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_kafka_topics_match_what_the_silos_read()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/dev"));
        var configuration = resources.OfKind("ConfigMap").Single()["data"]!;

        var topics = resources.OfKind("KafkaTopic").ToDictionary(topic => DataStoreChecks.TopicName(topic)!, topic => (string?)topic["spec"]!["partitions"]);
        var topic = (string)configuration["Playbound__Streams__Kafka__Topic"]!;
        Assert.Equal((string?)configuration["Playbound__Streams__Kafka__Partitions"], topics[topic]);
        Assert.Contains(topic + DataStoreChecks.DeadLetterSuffix, topics.Keys);
    }

    [Fact]
    public void Prod_runs_three_bigger_silos_and_scales_the_api_from_2_to_10()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/prod"));

        var silo = resources.OfKind("StatefulSet").Single();
        var container = Manifest.Containers(silo).Single();
        var autoscaler = resources.OfKind("HorizontalPodAutoscaler").Single()["spec"]!;
        Assert.Equal("3", (string?)silo["spec"]!["replicas"]);
        Assert.Equal("2Gi", (string?)container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["readinessProbe"]);
        Assert.Equal(("2", "10"), ((string?)autoscaler["minReplicas"], (string?)autoscaler["maxReplicas"]));
        Assert.Empty(resources.OfKind("Secret"));
        Assert.Equal(["playbound-api", "playbound-silo"], resources.Workloads().Select(workload => workload.Name()).Order());
    }

    [Fact]
    public void Prod_secret_keys_are_documented_in_the_k8s_readme()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/prod"));
        var readme = File.ReadAllText(Repository.K8s("README.md"));

        var keys = resources.Workloads().SelectMany(Manifest.Containers).SelectMany(container => Manifest.List(container["env"]))
            .Select(variable => variable["valueFrom"]?["secretKeyRef"])
            .Where(reference => (string?)reference?["name"] == Repository.ExternalSecret)
            .Select(reference => (string)reference!["key"]!)
            .ToHashSet();
        Assert.Equal(["auth-signing-key", "kafka-bootstrap-servers", "postgres-connection", "redis-connection"], keys.Order());
        Assert.All(keys, key => Assert.Contains($"`{key}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_refers_to_rabbitmq_any_more()
    {
        var files = Directory.EnumerateFiles(Repository.K8s(""), "*", SearchOption.AllDirectories);

        Assert.All(files, file => Assert.DoesNotContain("rabbit", File.ReadAllText(file), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Configuration_table_expands_sibling_abbreviations()
    {
        Assert.Contains("Playbound:Auth:External:Audience", Repository.ConfigurationKeys);
        Assert.Contains("Playbound:RateLimit:Hub:Burst", Repository.ConfigurationKeys);
        Assert.Contains("ConnectionStrings:Postgres", Repository.ConfigurationKeys);
        Assert.Contains("Playbound:Streams:Kafka:DeadLetterTopic", Repository.ConfigurationKeys);
    }

    private static JsonObject Workload(IReadOnlyList<JsonObject> resources, string name) =>
        resources.Workloads().Single(workload => workload.Name() == name);

    private static HashSet<string> EnvironmentNames(JsonObject workload) =>
        [.. Manifest.List(Manifest.Containers(workload).Single()["env"]).Select(variable => (string)variable["name"]!)];
}
