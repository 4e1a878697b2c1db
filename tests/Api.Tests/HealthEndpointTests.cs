using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

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

    public void Dispose() => _factory.Dispose();
}
