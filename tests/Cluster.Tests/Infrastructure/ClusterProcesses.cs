using System.Globalization;
using Npgsql;
using Playbound.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of built silo and Api processes on loopback ports, against a database of its own (created here, dropped on
/// dispose) and exchanges of its own on the broker. Nodes can be killed, stopped gracefully and started again on the
/// same ports, as an orchestrator would.
/// </summary>
public sealed class ClusterProcesses : IAsyncDisposable
{
    /// <summary>The HS256 key every node shares, so a token issued by one Api node is accepted by the other.</summary>
    public const string SigningKey = "playbound-cluster-tests-signing-key-0123456789";

    private readonly string _id;

    private ClusterProcesses(string id, IReadOnlyList<NodeProcess> silos, IReadOnlyList<NodeProcess> apis)
    {
        _id = id;
        Silos = silos;
        Apis = apis;
    }

    /// <summary>The silos, <c>silo-1</c> … (node ids 1 …).</summary>
    public IReadOnlyList<NodeProcess> Silos { get; }

    /// <summary>The Api nodes (gateways), <c>api-0</c> ….</summary>
    public IReadOnlyList<NodeProcess> Apis { get; }

    /// <summary>The cluster's database.</summary>
    public string ConnectionString => TestServers.PostgresDatabase(Database(_id));

    /// <summary>
    /// Starts <paramref name="silos"/> silos, waits until they are ready, then <paramref name="apis"/> Api nodes, and
    /// waits for those. <paramref name="apiSettings"/> add to or override the Api nodes' settings.
    /// </summary>
    public static async Task<ClusterProcesses> StartAsync(int silos, int apis, IReadOnlyDictionary<string, string>? apiSettings = null)
    {
        foreach (var assembly in new[] { Paths.SiloAssembly, Paths.ApiAssembly })
        {
            if (!File.Exists(assembly))
            {
                throw new InvalidOperationException($"{assembly} is not built; build tests/Cluster.Tests in this configuration first.");
            }
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        await TestServers.CreateDatabaseAsync(Database(id));
        var shared = SharedSettings(id, TestServers.PostgresDatabase(Database(id)));
        var siloNodes = Enumerable.Range(1, silos).Select(n => Node($"silo-{n}", Paths.SiloAssembly, Paths.SiloProject, shared, new()
        {
            ["Playbound:NodeId"] = n.ToString(CultureInfo.InvariantCulture),
            ["Playbound:Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Playbound:Cluster:SiloPort"] = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
        })).ToList();
        var apiOwn = new Dictionary<string, string>
        {
            // The tests register and call far faster than a person; they test behaviour, not PBKDF2 or the limiter.
            ["Playbound:Auth:PasswordHashIterations"] = "1000",
            ["Playbound:RateLimit:Enabled"] = "false",
        };
        apiOwn = Merge(apiOwn, new Dictionary<string, string>(apiSettings ?? new Dictionary<string, string>()));
        var apiNodes = Enumerable.Range(0, apis).Select(n => Node($"api-{n}", Paths.ApiAssembly, Paths.ApiProject, shared, apiOwn)).ToList();
        var cluster = new ClusterProcesses(id, siloNodes, apiNodes);
        try
        {
            await StartAllAsync(siloNodes);
            await StartAllAsync(apiNodes);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <paramref name="node"/> again (same ports and settings) and waits until it is ready.</summary>
    public static async Task RestartAsync(NodeProcess node)
    {
        node.Start();
        await node.WaitUntilReadyAsync();
    }

    /// <summary>
    /// A client for one caller that sends each request to the next Api node in turn, as a load balancer without
    /// affinity would: a user's calls hit every node.
    /// </summary>
    public HttpClient NewRoundRobinHttpClient() =>
        new(new RoundRobinHandler(Apis.Select(a => a.BaseAddress).ToArray())) { BaseAddress = Apis[0].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Runs <paramref name="sql"/> on the cluster's database and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // Checks count over millions of feed rows while fan-out keeps PostgreSQL busy: Npgsql's 30 s default is too short.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An exception whose message carries every node's recent output.</summary>
    public Exception Failure(string what) =>
        new InvalidOperationException(what + string.Concat(Silos.Concat(Apis).Select(n => $"\n--- {n.Name} ---\n{n.Output}")));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Apis.Concat(Silos).Select(async n => await n.DisposeAsync()));
        NpgsqlConnection.ClearAllPools();
        await TestServers.DropDatabaseAsync(Database(_id));
        await TestServers.DeleteExchangesAsync(RealtimeExchange(_id), PresenceExchange(_id));
        await TestServers.DeleteQueuesAsync(
            [.. StreamNamespaces.All.SelectMany(ns => Enumerable.Range(0, StreamPartitions).Select(p => $"{StreamQueuePrefix(_id)}.{ns}.{p}")),
             $"{StreamQueuePrefix(_id)}.dead-letter"]);
    }

    private const int StreamPartitions = 4;

    private static string Database(string id) => "playbound_ct_" + id;

    private static string RealtimeExchange(string id) => $"playbound.ct.{id}.realtime";

    private static string PresenceExchange(string id) => $"playbound.ct.{id}.presence";

    private static string StreamQueuePrefix(string id) => $"playbound.ct.{id}.streams";

    private static async Task StartAllAsync(IReadOnlyList<NodeProcess> nodes)
    {
        foreach (var node in nodes)
        {
            node.Start();
        }

        await Task.WhenAll(nodes.Select(n => n.WaitUntilReadyAsync()));
    }

    private static Dictionary<string, string> SharedSettings(string id, string connectionString) => new()
    {
        ["Playbound:Storage"] = "Postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Playbound:Auth:SigningKey"] = SigningKey,
        ["Playbound:Cluster:Enabled"] = "true",
        // Quicker than the defaults so a killed silo is declared dead within seconds, yet slow enough for 2 busy cores.
        ["Playbound:Cluster:Membership:HeartbeatInterval"] = "00:00:01",
        ["Playbound:Cluster:Membership:DeathTimeout"] = "00:00:06",
        ["Playbound:Cluster:Membership:RefreshInterval"] = "00:00:00.500",
        // A starting silo's first statements (schema check, insert) pay for JIT and connection setup; on two cores
        // shared with four other hosts and the test load, that can take longer than the 5 s default.
        ["Playbound:Cluster:Membership:OperationTimeout"] = "00:00:15",
        ["Playbound:Realtime:RabbitMq:Uri"] = TestServers.RabbitMq,
        // Exchanges of this cluster alone: another cluster on the broker may generate the same user ids.
        ["Playbound:Realtime:RabbitMq:Exchange"] = RealtimeExchange(id),
        ["Playbound:Realtime:RabbitMq:PresenceExchange"] = PresenceExchange(id),
        ["Playbound:Realtime:RabbitMq:ReconnectInterval"] = "00:00:01",
        // Stream queues of this cluster alone, likewise; fewer partitions than the default, as the test load is small.
        ["Playbound:Streams:RabbitMq:Uri"] = TestServers.RabbitMq,
        ["Playbound:Streams:RabbitMq:QueuePrefix"] = StreamQueuePrefix(id),
        ["Playbound:Streams:RabbitMq:Partitions"] = StreamPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Playbound:Streams:RabbitMq:ReconnectInterval"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private static NodeProcess Node(
        string name, string assembly, string workingDirectory, Dictionary<string, string> shared, Dictionary<string, string> own) =>
        new(name, assembly, workingDirectory, LoopbackPorts.Next(), Merge(shared, own));

    private static Dictionary<string, string> Merge(Dictionary<string, string> shared, Dictionary<string, string> more)
    {
        var settings = new Dictionary<string, string>(shared);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Points each request at the next address in turn.</summary>
    private sealed class RoundRobinHandler(Uri[] addresses) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = addresses[(int)((uint)Interlocked.Increment(ref _next) % addresses.Length)];
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
