using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Playbound.Api.Tests.Infrastructure;

/// <summary>
/// The Api with its embedded Orleans silo on a fresh temporary data directory, deleted on dispose, and on loopback
/// ports of its own (see <see cref="ConfigureWebHost"/>). Password hashing is made cheap and rate limits high so tests
/// measure behaviour, not PBKDF2 or the limiter; tests of those set their own.
/// </summary>
public class PlayboundApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The HS256 key the tests' Api signs with, so tests can mint their own tokens.</summary>
    public const string SigningKey = "playbound-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <summary>Creates the factory; <paramref name="settings"/> override the defaults below.</summary>
    public PlayboundApiFactory(
        IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IWebHostBuilder>? configure = null)
    {
        _configure = configure;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("playbound-api-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Playbound:DataDir"] = DataDirectory,
            ["Playbound:Auth:SigningKey"] = SigningKey,
            ["Playbound:Auth:PasswordHashIterations"] = "1000",
            ["Playbound:RateLimit:User:TokensPerSecond"] = "100000",
            ["Playbound:RateLimit:User:Burst"] = "100000",
            ["Playbound:RateLimit:Auth:TokensPerSecond"] = "100000",
            ["Playbound:RateLimit:Auth:Burst"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The temporary <c>Playbound:DataDir</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the data directory is deleted on dispose (false when another factory reuses it).</summary>
    public bool DeleteDataDirectory { get; init; } = true;

    /// <summary>A client for a new anonymous caller.</summary>
    public ApiClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress }));

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Embedded mode uses Orleans' localhost clustering, which listens on the fixed ports 11111 and 30000: two
        // factories side by side (or an Api someone runs on this machine) would collide there. Each factory's silo
        // gets free ports, and is its own primary silo.
        var siloPort = LoopbackPorts.Next();
        var gatewayPort = LoopbackPorts.Next();
        builder.ConfigureTestServices(services =>
        {
            services.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (siloPort, gatewayPort));
            services.Configure<DevelopmentClusterMembershipOptions>(o => o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort));
        });
        _configure?.Invoke(builder);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && DeleteDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the OS temp cleaner takes what is left.
            }
        }
    }
}

/// <summary>One Api shared by the tests of a collection; each test registers its own users, so they do not interfere.</summary>
public sealed class ApiFixture : IApiUnderTest, IDisposable
{
    /// <summary>The shared Api.</summary>
    public PlayboundApiFactory Factory { get; } = new();

    /// <inheritdoc />
    public ApiClient NewClient() => Factory.NewClient();

    /// <inheritdoc />
    public void Dispose() => Factory.Dispose();
}

/// <summary>The collection of tests that share one <see cref="ApiFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "api";
}
