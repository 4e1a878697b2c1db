using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Checks;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests;

/// <summary>Each test breaks one thing in an in-memory rendering of dev and expects exactly the matching problem.</summary>
public sealed class CheckerCatchesBreakageTests
{
    private readonly IReadOnlyList<JsonObject> _resources = Kustomization.Render(Repository.K8s("overlays/dev"));

    [Fact]
    public void A_selector_that_misses_the_pod_labels_is_reported()
    {
        Workload("playbound-silo")["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"] = "silo-typo";

        Assert.Equal(["StatefulSet playbound-silo: selector does not match its pod template labels"], Problems());
    }

    [Fact]
    public void A_service_whose_target_port_no_container_declares_is_reported()
    {
        Resource("Service", "playbound-api")["spec"]!["ports"]![0]!["targetPort"] = "web";

        Assert.Equal(["Service playbound-api: targetPort web is no container port of the pods it selects"], Problems());
    }

    [Fact]
    public void A_missing_readiness_probe_is_reported()
    {
        Container("playbound-api").Remove("readinessProbe");

        Assert.Equal(["Deployment playbound-api container api: no readinessProbe"], Problems());
    }

    [Fact]
    public void A_liveness_probe_on_a_path_the_apps_do_not_serve_is_reported()
    {
        Container("playbound-silo")["livenessProbe"]!["httpGet"]!["path"] = "/healthz";

        Assert.Equal(["StatefulSet playbound-silo container silo: livenessProbe is not an HTTP GET of /health/live"], Problems());
    }

    [Fact]
    public void A_grace_period_shorter_than_prestop_plus_host_shutdown_is_reported()
    {
        Workload("playbound-silo").PodSpec()!["terminationGracePeriodSeconds"] = "30";

        Assert.Equal(["StatefulSet playbound-silo container silo: terminationGracePeriodSeconds 30 does not exceed preStop 5 s + host shutdown 45 s"], Problems());
    }

    [Fact]
    public void A_host_shutdown_timeout_under_the_deactivation_budget_is_reported()
    {
        Resource("ConfigMap", "playbound-config")["data"]!["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "30";

        Assert.All(Problems(), problem => Assert.EndsWith("host shutdown timeout 30 s is under the 40 s of leaving membership and deactivating grains", problem));
        Assert.Equal(2, Problems().Count);
    }

    [Fact]
    public void A_key_the_apps_do_not_read_is_reported()
    {
        Resource("ConfigMap", "playbound-config")["data"]!["Playbound__Feed__MaxEntry"] = "800";

        Assert.Equal(["ConfigMap playbound-config: Playbound__Feed__MaxEntry is not a key in README.md's Configuration table"], Problems());
    }

    [Fact]
    public void A_secret_reference_the_overlay_does_not_define_is_reported()
    {
        Container("playbound-api")["env"]![1]!["valueFrom"]!["secretKeyRef"]!["name"] = "postgres-secret";

        Assert.Equal(["Deployment playbound-api container api: Secret postgres-secret is neither defined nor a documented external Secret"], Problems());
    }

    [Fact]
    public void An_api_rollout_that_may_take_a_pod_away_first_is_reported()
    {
        Workload("playbound-api")["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"] = "1";

        Assert.Equal(["Deployment playbound-api: rollingUpdate.maxUnavailable is 1, not 0"], Problems());
    }

    [Fact]
    public void An_autoscaler_for_a_missing_deployment_is_reported()
    {
        Resource("HorizontalPodAutoscaler", "playbound-api")["spec"]!["scaleTargetRef"]!["name"] = "api";

        Assert.Equal(["HorizontalPodAutoscaler playbound-api: scaleTargetRef Deployment api does not exist"], Problems());
    }

    private IReadOnlyList<string> Problems() => ManifestChecks.Run(_resources, Repository.ContextFor("overlays/dev"));

    private JsonObject Resource(string kind, string name) => _resources.OfKind(kind).Single(resource => resource.Name() == name);

    private JsonObject Workload(string name) => _resources.Workloads().Single(workload => workload.Name() == name);

    private JsonObject Container(string workload) => Manifest.Containers(Workload(workload)).Single();
}
