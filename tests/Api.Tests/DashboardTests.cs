using System.Net;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>The Orleans Dashboard of the embedded silo: off by default, served under <c>Playbound:Dashboard:Path</c> when enabled.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_is_served_on_its_path_when_enabled()
    {
        using var factory = new PlayboundApiFactory(new Dictionary<string, string?>
        {
            ["Playbound:Dashboard:Enabled"] = "true",
            ["Playbound:Dashboard:Path"] = "/ops/dashboard",
        });
        var client = factory.NewClient();

        var page = await client.GetAsync("/ops/dashboard/");
        await Expect.StatusAsync(page, HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        await Expect.StatusAsync(await client.GetAsync("/ops/dashboard/version"), HttpStatusCode.OK);
        await Expect.EventuallyAsync(async () => await Expect.StatusAsync(await client.GetAsync("/ops/dashboard/ClusterStats"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task The_dashboard_is_off_by_default()
    {
        using var factory = new PlayboundApiFactory();
        var client = factory.NewClient();

        await Expect.StatusAsync(await client.GetAsync("/dashboard/"), HttpStatusCode.NotFound);
        await Expect.StatusAsync(await client.GetAsync("/dashboard/ClusterStats"), HttpStatusCode.NotFound);
    }
}
