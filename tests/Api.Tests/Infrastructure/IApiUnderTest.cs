namespace Playbound.Api.Tests.Infrastructure;

/// <summary>
/// The Api a contract test talks to: the embedded Api in process here, or a cluster of processes behind two Api nodes
/// in tests/Cluster.Tests, which compiles the contract test classes as they are.
/// </summary>
public interface IApiUnderTest
{
    /// <summary>A client for a new anonymous caller.</summary>
    ApiClient NewClient();
}
