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
    public void Silos_and_api_nodes_are_told_where_the_broker_is(string overlay)
    {
        var resources = Kustomization.Render(Repository.K8s(overlay));

        // Without these the apps would dial their default, a broker on the pod's own loopback.
        Assert.Superset(
            new HashSet<string> { "Playbound__Streams__RabbitMq__Uri", "Playbound__Realtime__RabbitMq__Uri" },
            EnvironmentNames(resources.OfKind("StatefulSet").Single(set => set.Name() == "playbound-silo")));
        Assert.Contains("Playbound__Realtime__RabbitMq__Uri", EnvironmentNames(resources.OfKind("Deployment").Single(d => d.Name() == "playbound-api")));
    }

    [Fact]
    public void Dev_runs_one_api_replica_with_dev_images_and_generated_secrets()
    {
        var resources = Kustomization.Render(Repository.K8s("overlays/dev"));

        var api = resources.OfKind("Deployment").Single(deployment => deployment.Name() == "playbound-api");
        Assert.Equal("1", (string?)api["spec"]!["replicas"]);
        Assert.Equal("playbound/api:dev", (string?)Manifest.Containers(api).Single()["image"]);
        Assert.Contains(resources.OfKind("Secret"), secret => secret.Name() == Repository.ExternalSecret);
        Assert.Equal(["playbound-api", "playbound-postgres", "playbound-rabbitmq", "playbound-silo"],
            resources.Workloads().Select(workload => workload.Name()).Order());
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
    }

    [Fact]
    public void Configuration_table_expands_sibling_abbreviations()
    {
        Assert.Contains("Playbound:Auth:External:Audience", Repository.ConfigurationKeys);
        Assert.Contains("Playbound:RateLimit:Hub:Burst", Repository.ConfigurationKeys);
        Assert.Contains("ConnectionStrings:Postgres", Repository.ConfigurationKeys);
    }

    private static HashSet<string> EnvironmentNames(System.Text.Json.Nodes.JsonObject workload) =>
        [.. Manifest.List(Manifest.Containers(workload).Single()["env"]).Select(variable => (string)variable["name"]!)];
}
