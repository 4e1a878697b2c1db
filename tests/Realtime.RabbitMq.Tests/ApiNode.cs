using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Api.Realtime;
using HubConnection = Playbound.HubClient.HubClient;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// A real Api on Kestrel with its hub, wired as a cluster Api node (what <c>AddClusterRealtime</c> adds) to the test's
/// exchanges. It still hosts its embedded silo, which the tests use only to make a watched post exist.
/// </summary>
internal sealed class ApiNode : WebApplicationFactory<Program>
{
    private const string SigningKey = "playbound-realtime-tests-signing-key-0123456789";
    private readonly RabbitMqRealtimeOptions _options;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("playbound-node-").FullName;

    public ApiNode(RabbitMqRealtimeOptions options)
    {
        _options = options;
        UseKestrel(0);
        StartServer();
    }

    /// <summary>Registers a new user on this node; returns their id and a client signed in as them.</summary>
    public async Task<(string UserId, HttpClient Http, string Token)> RegisterAsync()
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress });
        var handle = "n" + Guid.NewGuid().ToString("N")[..12];
        var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { handle, displayName = "Node User", password = "correct horse" });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = tokens.GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (tokens.GetProperty("userId").GetString()!, http, token);
    }

    /// <summary>A hub connection with <paramref name="token"/>; the caller disposes it.</summary>
    public async Task<HubConnection> ConnectAsync(string token)
    {
        var hub = new HubConnection();
        await hub.ConnectAsync(new Uri(ClientOptions.BaseAddress, "/hubs/feed"), token);
        return hub;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var section = RabbitMqRealtimeOptions.SectionName;
        builder.UseSetting("Playbound:DataDir", _dataDirectory);
        builder.UseSetting("Playbound:Auth:SigningKey", SigningKey);
        builder.UseSetting("Playbound:Auth:PasswordHashIterations", "1000");
        builder.UseSetting($"{section}:Uri", _options.Uri);
        builder.UseSetting($"{section}:Exchange", _options.Exchange);
        builder.UseSetting($"{section}:PresenceExchange", _options.PresenceExchange);
        builder.UseSetting($"{section}:PresenceSnapshotInterval", _options.PresenceSnapshotInterval.ToString("c", CultureInfo.InvariantCulture));
        builder.UseSetting($"{section}:PresenceTtl", _options.PresenceTtl.ToString("c", CultureInfo.InvariantCulture));
        builder.ConfigureServices(static services => services.AddRabbitMqRealtimeNode<HubRealtimePublisher>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the OS temp cleaner takes what is left.
            }
        }
    }
}
