using System.Globalization;
using Npgsql;
using Playbound.TestKit.Servers;
using StackExchange.Redis;
using Playbound.TestKit;
using Playbound.TestKit.Kafka;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of built silo and Api processes on loopback ports, with a PostgreSQL database of its own (created here,
/// dropped on dispose), Orleans cluster and service ids of its own in the shared Redis (its keys deleted on dispose), and
/// a Kafka of its own: librdkafka's mock cluster in a child process. Nodes can be killed, stopped gracefully and started
/// again on the same ports, as an orchestrator would.
/// </summary>
public sealed class ClusterProcesses : IAsyncDisposable
{
    /// <summary>The HS256 key every node shares, so a token issued by one Api node is accepted by the other.</summary>
    public const string SigningKey = "playbound-cluster-tests-signing-key-0123456789";

    private readonly string _id;
    private readonly KafkaMockProcess _kafka;

    private ClusterProcesses(string id, KafkaMockProcess kafka, IReadOnlyList<NodeProcess> silos, IReadOnlyList<NodeProcess> apis)
    {
        _id = id;
        _kafka = kafka;
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
        var kafka = await KafkaMockProcess.StartAsync([(Topic, StreamPartitions), (Topic + ".dead-letters", 1)]);
        var shared = SharedSettings(id, TestServers.PostgresDatabase(Database(id)), kafka.BootstrapServers);
        var siloNodes = Enumerable.Range(1, silos).Select(n => Node($"silo-{n}", Paths.SiloAssembly, Paths.SiloProject, shared, new()
        {
            ["Playbound:NodeId"] = n.ToString(CultureInfo.InvariantCulture),
            ["Playbound:Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Playbound:Cluster:SiloPort"] = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Playbound:Cluster:GatewayPort"] = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
        })).ToList();
        var apiOwn = new Dictionary<string, string>
        {
            // The tests register and call far faster than a person; they test behaviour, not PBKDF2 or the limiter.
            ["Playbound:Auth:PasswordHashIterations"] = "1000",
            ["Playbound:RateLimit:Enabled"] = "false",
        };
        apiOwn = Merge(apiOwn, new Dictionary<string, string>(apiSettings ?? new Dictionary<string, string>()));
        var apiNodes = Enumerable.Range(0, apis).Select(n => Node($"api-{n}", Paths.ApiAssembly, Paths.ApiProject, shared, apiOwn)).ToList();
        var cluster = new ClusterProcesses(id, kafka, siloNodes, apiNodes);
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

    /// <summary>
    /// Starts <paramref name="nodes"/> again together (same ports and settings) and waits until all are ready: after a
    /// whole cluster died, the new silos vote the dead ones out of the membership table between them, which one silo
    /// started alone cannot do before its readiness check gives up.
    /// </summary>
    public static async Task RestartAllAsync(IReadOnlyList<NodeProcess> nodes) => await StartAllAsync(nodes);

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
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="sql"/> on the cluster's database and returns the first column of every row.</summary>
    public async Task<List<long>> QueryIdsAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>The post ids in <paramref name="userId"/>'s feed as the silos stored it in Redis, newest first.</summary>
    public async Task<List<long>> StoredFeedAsync(long userId)
    {
        var redis = await TestRedis.ConnectionAsync();
        var members = await redis.GetDatabase().SortedSetRangeByRankAsync($"{ServiceId(_id)}:feed:{userId}", order: Order.Descending);
        return [.. members.Select(static m => long.Parse(m.ToString().Split(':')[0], CultureInfo.InvariantCulture))];
    }

    /// <summary>Deletes <paramref name="userId"/>'s feed and its built marker from Redis, as a Redis that lost its data would have.</summary>
    public async Task LoseFeedAsync(long userId)
    {
        var redis = await TestRedis.ConnectionAsync();
        await redis.GetDatabase().KeyDeleteAsync([$"{ServiceId(_id)}:feed:{userId}", $"{ServiceId(_id)}:feed-built:{userId}"]);
    }

    /// <summary>An exception whose message carries every node's recent output.</summary>
    public Exception Failure(string what) =>
        new InvalidOperationException(what + string.Concat(Silos.Concat(Apis).Select(n => $"\n--- {n.Name} ---\n{n.Output}")));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Apis.Concat(Silos).Select(async n => await n.DisposeAsync()));
        NpgsqlConnection.ClearAllPools();
        await _kafka.DisposeAsync();
        await TestServers.DropDatabaseAsync(Database(_id));
        await TestRedis.DeleteKeysAsync(ServiceId(_id));
    }

    // Fewer partitions than the default 8: the test load is small and the cores are few.
    private const int StreamPartitions = 4;
    private const string Topic = "playbound-events";

    private static string Database(string id) => "playbound_ct_" + id;

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        // Checks count over millions of feed rows while fan-out keeps PostgreSQL busy: Npgsql's 30 s default is too short.
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    // Orleans' Redis keys start with the service id (state) or contain it (membership): one per test cluster.
    private static string ServiceId(string id) => "playbound-ct-" + id;

    private static async Task StartAllAsync(IReadOnlyList<NodeProcess> nodes)
    {
        foreach (var node in nodes)
        {
            node.Start();
        }

        await Task.WhenAll(nodes.Select(n => n.WaitUntilReadyAsync()));
    }

    private static Dictionary<string, string> SharedSettings(string id, string connectionString, string kafka) => new()
    {
        ["Playbound:Storage"] = "Postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["Playbound:Auth:SigningKey"] = SigningKey,
        ["Playbound:Cluster:Enabled"] = "true",
        // The fan-out checks find every post in every feed, up to the scale of 2,000 posts per feed.
        ["Playbound:Feed:MaxEntries"] = "10000",
        ["Playbound:Cluster:ClusterId"] = ServiceId(id),
        ["Playbound:Cluster:ServiceId"] = ServiceId(id),
        // Orleans' failure detection, quicker than its defaults so a killed silo is declared dead within seconds, yet
        // patient enough for two busy cores shared by five hosts and the test load.
        ["Playbound:Cluster:Membership:ProbeTimeout"] = "00:00:02",
        ["Playbound:Cluster:Membership:NumMissedProbesLimit"] = "2",
        ["Playbound:Cluster:Membership:DeathVoteExpirationTimeout"] = "00:00:30",
        ["Playbound:Cluster:Gateway:GatewayListRefreshPeriod"] = "00:00:02",
        // A deletion cut short by a killed silo resumes at the reminder's next tick: within seconds, not Orleans' minute.
        ["Playbound:Accounts:Deletion:ReminderPeriod"] = "00:00:05",
        ["Playbound:Streams:Kafka:BootstrapServers"] = kafka,
        ["Playbound:Streams:Kafka:Topic"] = Topic,
        ["Playbound:Streams:Kafka:Partitions"] = StreamPartitions.ToString(CultureInfo.InvariantCulture),
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
