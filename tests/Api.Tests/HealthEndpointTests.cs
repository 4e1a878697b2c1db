using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Resilience;

namespace Playbound.Api.Tests;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory = new WebApplicationFactory<Program>()
        .WithWebHostBuilder(b => b.UseSetting("Playbound:DataDir", Directory.CreateTempSubdirectory("playbound-api-").FullName));

    [Fact]
    public async Task Live_answers_200_without_touching_storage()
    {
        var response = await _factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_200_once_the_embedded_silo_completes_a_grain_call_through_sqlite()
    {
        var response = await _factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_answers_503_while_the_storage_circuit_is_open_and_200_once_it_closed()
    {
        var client = _factory.CreateClient();
        var storage = _factory.Services.GetRequiredService<DependencyCircuits>().Get(DependencyCircuits.Storage);

        // The embedded silo's own storage calls share the window, so fail until the ratio is reached.
        for (var i = 0; i < 100 && !storage.IsOpen; i++)
        {
            await Assert.ThrowsAnyAsync<IOException>(
                async () => await storage.ExecuteAsync(_ => ValueTask.FromException(new IOException("disk gone")), CancellationToken.None));
        }

        var open = await client.GetAsync("/health/ready");
        await storage.CloseAsync(CancellationToken.None);
        var closed = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
