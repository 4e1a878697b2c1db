namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// Three silos and two Api nodes as child processes, shared by the contract tests. Every client alternates between
/// the Api nodes request by request, so each user's calls are served by both gateways.
/// </summary>
public sealed class ApiFixture : IApiUnderTest, IAsyncLifetime
{
    private ClusterProcesses? _cluster;

    /// <summary>The cluster.</summary>
    public ClusterProcesses Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    /// <inheritdoc />
    public ApiClient NewClient() => new(Cluster.NewRoundRobinHttpClient());

    /// <inheritdoc />
    public IReadOnlyList<Uri> SiloAddresses => [.. Cluster.Silos.Select(static s => s.BaseAddress)];

    /// <inheritdoc />
    public async Task InitializeAsync() => _cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The contract tests, sharing one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "api";
}
