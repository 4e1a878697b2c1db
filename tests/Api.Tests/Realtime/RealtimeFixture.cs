using Microsoft.AspNetCore.SignalR.Client;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests.Realtime;

/// <summary>
/// One Api on real Kestrel sockets for the hub tests, which connect with the official SignalR .NET client (negotiate,
/// then WebSockets). Authors with two or more followers count as celebrities, and the hub's per-user call bucket is
/// small so the rate-limit test can empty it quickly.
/// </summary>
public sealed class RealtimeFixture : IDisposable
{
    public const int CelebrityThreshold = 2;
    public const int HubBurst = 5;

    public RealtimeFixture()
    {
        Factory = new PlayboundApiFactory(new Dictionary<string, string?>
        {
            ["Playbound:Feed:CelebrityThreshold"] = CelebrityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Playbound:RateLimit:Hub:Burst"] = HubBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Playbound:RateLimit:Hub:TokensPerSecond"] = "1",
        });
        Factory.UseKestrel(0);
        Factory.StartServer();
        HubUrl = new Uri(Factory.ClientOptions.BaseAddress, "/hubs/feed");
    }

    public PlayboundApiFactory Factory { get; }

    public Uri HubUrl { get; }

    /// <summary>A newly registered user.</summary>
    public Task<ApiClient> UserAsync() => Factory.NewClient().RegisterAsync();

    /// <summary>
    /// An unstarted connection that passes <paramref name="accessToken"/> as the <c>access_token</c> query parameter,
    /// as browsers do (on the negotiate request and the WebSocket upgrade alike); without a token when null.
    /// </summary>
    public HubConnection NewConnection(string? accessToken) =>
        new HubConnectionBuilder()
            .WithUrl(accessToken is null ? HubUrl : new Uri($"{HubUrl}?access_token={Uri.EscapeDataString(accessToken)}"))
            .Build();

    /// <summary>A started hub connection for <paramref name="user"/>; the caller disposes it.</summary>
    public async Task<HubConnection> ConnectAsync(ApiClient user)
    {
        var hub = NewConnection(user.AccessToken);
        try
        {
            await hub.StartAsync();
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }

        return hub;
    }

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RealtimeCollection : ICollectionFixture<RealtimeFixture>
{
    public const string Name = "realtime";
}
