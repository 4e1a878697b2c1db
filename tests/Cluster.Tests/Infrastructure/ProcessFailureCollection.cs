namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// Tests that start a cluster of their own and kill or restart its nodes. They run one after another (a collection),
/// beside the contract tests: each cluster costs both cores while it starts, and a test waiting out a silo's death must
/// not be starved by another test's cluster.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessFailureCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "process failures";
}
