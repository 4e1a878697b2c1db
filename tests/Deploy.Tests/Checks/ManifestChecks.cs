using System.Text.Json.Nodes;

namespace Playbound.Deploy.Tests.Checks;

/// <summary>Every check over one rendering; each problem is one line naming the object at fault.</summary>
internal static class ManifestChecks
{
    public static IReadOnlyList<string> Run(IReadOnlyList<JsonObject> resources, CheckContext context) =>
    [
        .. ReferenceChecks.Selectors(resources),
        .. ReferenceChecks.Services(resources),
        .. ReferenceChecks.DisruptionBudgetsAndAutoscalers(resources),
        .. ReferenceChecks.Ingresses(resources),
        .. ContainerChecks.ProbesAndResources(resources),
        .. ContainerChecks.Rollouts(resources),
        .. ShutdownChecks.GracePeriods(resources),
        .. OrleansChecks.KubernetesHosting(resources),
        .. OrleansChecks.ClientsJoinTheSilos(resources),
        .. OrleansChecks.PodPermissions(resources),
        .. DataStoreChecks.RedisDurability(resources),
        .. DataStoreChecks.KafkaTopics(resources),
        .. ConfigurationChecks.KeysAreDocumented(resources, context),
        .. ConfigurationChecks.ReferencesResolve(resources, context),
    ];
}
