namespace Playbound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The tests that share one running Api. Each test registers its own users, so they do not interfere; the collection
/// also runs them one at a time, which keeps the two browsers and the node process off each other's cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiProcess>
{
    /// <summary>The collection name.</summary>
    public const string Name = "api-process";
}
