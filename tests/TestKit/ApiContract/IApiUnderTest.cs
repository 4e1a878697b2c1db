namespace Playbound.TestKit.ApiContract;

/// <summary>
/// The Api a contract test talks to: the embedded Api in process (tests/Api.Tests), or a cluster of processes behind
/// two Api nodes (tests/Cluster.Tests). Each project binds the contract classes of this folder to its own fixture.
/// </summary>
public interface IApiUnderTest
{
    /// <summary>A client for a new anonymous caller.</summary>
    ApiClient NewClient();

    /// <summary>
    /// The HTTP addresses of the processes that host the grains when they are not the Api itself (the cluster's silos),
    /// whose <c>/metrics</c> hold the grain side's series (fan-out, streams); empty when the Api hosts its own silo.
    /// </summary>
    IReadOnlyList<Uri> SiloAddresses => [];
}
