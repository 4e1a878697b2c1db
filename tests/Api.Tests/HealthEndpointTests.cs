using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Api.Tests.Infrastructure;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Api.Tests;

/// <summary>Liveness and readiness of the embedded Api: ready means its silo completes a grain call through SQLite and no dependency circuit is open.</summary>
public sealed class HealthEndpointTests(HealthEndpointTests.Api api) : IClassFixture<HealthEndpointTests.Api>
{
    [Fact]
    public async Task Live_answers_200_without_touching_storage()
    {
        var response = await api.Factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_200_once_the_embedded_silo_completes_a_grain_call_through_sqlite()
    {
        var response = await api.Factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_answers_503_while_the_storage_circuit_is_open_and_200_once_it_closed()
    {
        var client = api.Factory.CreateClient();
        var storage = api.Factory.Services.GetRequiredService<DependencyCircuits>().Get(DependencyCircuits.Storage);
        HttpResponseMessage open;
        try
        {
            // The embedded silo's own storage calls share the window, so fail until the ratio is reached.
            for (var i = 0; i < 100 && !storage.IsOpen; i++)
            {
                await Assert.ThrowsAnyAsync<IOException>(
                    async () => await storage.ExecuteAsync(_ => ValueTask.FromException(new IOException("disk gone")), CancellationToken.None));
            }

            open = await client.GetAsync("/health/ready");
        }
        finally
        {
            // The Api is shared by this class's tests: never leave the circuit open for the next one.
            await storage.CloseAsync(CancellationToken.None);
        }

        var closed = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
    }

    /// <summary>One embedded Api with the default settings of <see cref="PlayboundApiFactory"/>, shared by the tests above.</summary>
    public sealed class Api : IDisposable
    {
        public PlayboundApiFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
