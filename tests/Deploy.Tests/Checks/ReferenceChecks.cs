using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>Selectors, Services, PDBs, HPAs and Ingresses point at objects that exist in the same rendering.</summary>
internal static class ReferenceChecks
{
    public static IEnumerable<string> Selectors(IReadOnlyList<JsonObject> resources) =>
        from workload in resources.Workloads()
        where !Manifest.Selects(Manifest.Labels(workload["spec"]?["selector"]?["matchLabels"]), workload.PodLabels())
        select $"{workload.Kind()} {workload.Name()}: selector does not match its pod template labels";

    public static IEnumerable<string> Services(IReadOnlyList<JsonObject> resources)
    {
        foreach (var service in resources.OfKind("Service"))
        {
            var selector = Manifest.Labels(service["spec"]?["selector"]);
            var selected = resources.Workloads().Where(workload => Manifest.Selects(selector, workload.PodLabels())).ToList();
            if (selected.Count == 0)
            {
                yield return $"Service {service.Name()}: selector matches no workload's pods";
                continue;
            }

            var containerPorts = selected.SelectMany(Manifest.Containers).SelectMany(container => Manifest.List(container["ports"])).ToList();
            foreach (var port in Manifest.List(service["spec"]?["ports"]))
            {
                var target = (string?)port["targetPort"] ?? (string?)port["port"];
                if (!containerPorts.Any(declared => (string?)declared["name"] == target || (string?)declared["containerPort"] == target))
                {
                    yield return $"Service {service.Name()}: targetPort {target} is no container port of the pods it selects";
                }
            }
        }
    }

    public static IEnumerable<string> DisruptionBudgetsAndAutoscalers(IReadOnlyList<JsonObject> resources)
    {
        foreach (var budget in resources.OfKind("PodDisruptionBudget"))
        {
            var selector = Manifest.Labels(budget["spec"]?["selector"]?["matchLabels"]);
            if (!resources.Workloads().Any(workload => Manifest.Selects(selector, workload.PodLabels())))
            {
                yield return $"PodDisruptionBudget {budget.Name()}: selector matches no workload's pods";
            }
        }

        foreach (var autoscaler in resources.OfKind("HorizontalPodAutoscaler"))
        {
            var target = autoscaler["spec"]?["scaleTargetRef"];
            if (!resources.Workloads().Any(workload => workload.Kind() == (string?)target?["kind"] && workload.Name() == (string?)target?["name"]))
            {
                yield return $"HorizontalPodAutoscaler {autoscaler.Name()}: scaleTargetRef {target?["kind"]} {target?["name"]} does not exist";
            }
        }
    }

    public static IEnumerable<string> Ingresses(IReadOnlyList<JsonObject> resources) =>
        from ingress in resources.OfKind("Ingress")
        from rule in Manifest.List(ingress["spec"]?["rules"])
        from path in Manifest.List(rule["http"]?["paths"])
        let backend = path["backend"]?["service"]
        let port = (string?)backend?["port"]?["name"] ?? (string?)backend?["port"]?["number"]
        where !resources.OfKind("Service").Any(service => service.Name() == (string?)backend?["name"]
            && Manifest.List(service["spec"]?["ports"]).Any(declared => (string?)declared["name"] == port || (string?)declared["port"] == port))
        select $"Ingress {ingress.Name()}: backend {backend?["name"]}:{port} is no Service port";
}
