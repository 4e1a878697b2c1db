using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Checks;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests;

/// <summary>Each test breaks one thing in an in-memory rendering of dev and expects exactly the matching problem.</summary>
public sealed class CheckerCatchesBreakageTests
{
    private readonly List<JsonObject> _resources = [.. Kustomization.Render(Repository.K8s("overlays/dev"))];

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
    public void A_grace_period_shorter_than_prestop_plus_host_shutdown_plus_the_kafka_flush_is_reported()
    {
        Workload("playbound-silo").PodSpec()!["terminationGracePeriodSeconds"] = "60";

        Assert.Equal(["StatefulSet playbound-silo container silo: terminationGracePeriodSeconds 60 does not exceed preStop 5 s + host shutdown 45 s + Kafka producer flush 10 s"], Problems());
    }

    [Fact]
    public void An_api_grace_period_shorter_than_prestop_plus_host_shutdown_is_reported()
    {
        Workload("playbound-api").PodSpec()!["terminationGracePeriodSeconds"] = "30";

        Assert.Equal(["Deployment playbound-api container api: terminationGracePeriodSeconds 30 does not exceed preStop 5 s + host shutdown 45 s"], Problems());
    }

    [Fact]
    public void A_host_shutdown_timeout_under_orleans_shutdown_is_reported()
    {
        Resource("ConfigMap", "playbound-config")["data"]!["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "30";

        Assert.Equal(["StatefulSet playbound-silo container silo: host shutdown timeout 30 s is under the 35 s of Orleans deactivating grains and leaving membership"], Problems());
    }

    [Fact]
    public void Silos_without_kubernetes_hosting_are_reported()
    {
        Environment("playbound-silo").Remove(Environment("playbound-silo").Single(variable => (string?)variable!["name"] == "Playbound__Cluster__Kubernetes"));

        Assert.Equal(["StatefulSet playbound-silo container silo: Playbound__Cluster__Kubernetes is not \"true\""], Problems());
    }

    [Fact]
    public void A_hosting_variable_from_the_wrong_pod_field_is_reported()
    {
        Environment("playbound-silo").Single(variable => (string?)variable!["name"] == "POD_NAME")!["valueFrom"]!["fieldRef"]!["fieldPath"] = "spec.nodeName";

        Assert.Equal(["StatefulSet playbound-silo container silo: POD_NAME does not come from the downward API's metadata.name"], Problems());
    }

    [Fact]
    public void Silo_labels_that_differ_from_the_configured_cluster_id_are_reported()
    {
        Workload("playbound-silo")["spec"]!["template"]!["metadata"]!["labels"]![OrleansChecks.ClusterIdLabel] = "blue";

        Assert.Equal(
        [
            "StatefulSet playbound-silo: pod label orleans/clusterId is blue, not Playbound__Cluster__ClusterId's playbound",
            "Deployment playbound-api container api: joins cluster playbound of service playbound, which no silo pods are labelled with",
        ], Problems());
    }

    [Fact]
    public void A_role_without_a_verb_orleans_uses_is_reported()
    {
        Resource("Role", "playbound-silo")["rules"]![0]!["verbs"] = new JsonArray("get", "list", "watch", "delete");

        Assert.Equal(["StatefulSet playbound-silo: no Role bound to ServiceAccount playbound-silo in namespace playbound grants patch on pods"], Problems());
    }

    [Fact]
    public void A_role_binding_to_another_namespace_is_reported()
    {
        Resource("RoleBinding", "playbound-silo")["subjects"]![0]!["namespace"] = "default";

        Assert.Equal(["StatefulSet playbound-silo: no Role bound to ServiceAccount playbound-silo in namespace playbound grants get, list, watch, patch, delete on pods"], Problems());
    }

    [Fact]
    public void Silos_without_their_service_account_are_reported()
    {
        Workload("playbound-silo").PodSpec()!.Remove("serviceAccountName");

        Assert.Equal(["StatefulSet playbound-silo: serviceAccountName (unset) is no ServiceAccount of the rendering"], Problems());
    }

    [Fact]
    public void Redis_without_fsync_on_every_write_is_reported()
    {
        var arguments = Container("playbound-redis")["args"]!.AsArray();
        arguments[arguments.Select(argument => (string?)argument).ToList().IndexOf("always")] = "everysec";

        Assert.Equal(["StatefulSet playbound-redis container redis: redis-server is not started with --appendfsync always"], Problems());
    }

    [Fact]
    public void Redis_data_on_an_ephemeral_volume_is_reported()
    {
        Workload("playbound-redis")["spec"]!.AsObject().Remove("volumeClaimTemplates");
        Workload("playbound-redis").PodSpec()!["volumes"] = new JsonArray(new JsonObject { ["name"] = "data", ["emptyDir"] = new JsonObject() });

        Assert.Equal(["StatefulSet playbound-redis container redis: the data directory /data is not on a PersistentVolumeClaim"], Problems());
    }

    [Fact]
    public void A_kafka_topic_with_other_partitions_than_the_silos_expect_is_reported()
    {
        Resource("KafkaTopic", "playbound-events")["spec"]!["partitions"] = "4";

        Assert.Equal(["StatefulSet playbound-silo container silo: expects 8 partitions of playbound-events, KafkaTopic playbound-events has 4"], Problems());
    }

    [Fact]
    public void A_missing_dead_letter_topic_is_reported()
    {
        _resources.Remove(Resource("KafkaTopic", "playbound-events.dead-letters"));

        Assert.Equal(["StatefulSet playbound-silo container silo: dead-letters to topic playbound-events.dead-letters, which no KafkaTopic creates"], Problems());
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

    private JsonArray Environment(string workload) => Container(workload)["env"]!.AsArray();
}
