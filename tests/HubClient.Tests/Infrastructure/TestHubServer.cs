using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Playbound.HubClient.Tests.Infrastructure;

/// <summary>A real SignalR server on Kestrel at a free loopback port, one per test class.</summary>
public sealed class TestHubServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public IHubContext<TestHub> Hub => _app!.Services.GetRequiredService<IHubContext<TestHub>>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(QueryTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, QueryTokenAuthenticationHandler>(QueryTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSignalR();

        _app = builder.Build();
        _app.UseWebSockets();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapHub<TestHub>(TestHub.Path).RequireAuthorization();
        _app.MapScriptedSockets();
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Urls.Single());
    }

    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>A client connected to <paramref name="path"/> with the good token.</summary>
    public async Task<HubClient> ConnectAsync(string path = TestHub.Path, HubClientOptions? options = null)
    {
        var client = new HubClient(options);
        await client.ConnectAsync(Url(path), QueryTokenAuthenticationHandler.GoodToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
