using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Playbound.Bench.Results;
using Playbound.Grains;
using Playbound.Hosting;
using StackExchange.Redis;

namespace Playbound.LoadGen;

/// <summary>
/// Durable fan-out throughput of a running silo cluster: joins it as an Orleans client (gateways found through
/// <c>--redis</c>, cluster <c>--cluster-id</c>), registers <c>--authors</c> authors with <c>--followers</c> followers each,
/// then publishes <c>--posts</c> posts (spread over the authors, <c>--concurrency</c> at once) and counts the entries of
/// their feeds in Redis until every post is in its author's and every follower's feed (a feed keeps at most
/// Playbound:Feed:MaxEntries, so keep posts per author below it). Reports feed entries per second.
/// </summary>
public static class ClusterFanoutCommand
{
    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var postgres = options.Text("postgres", "Host=127.0.0.1;Username=playbound;Password=playbound;Database=playbound_cluster");
        var redis = options.Text("redis", "127.0.0.1:6379");
        // scripts/cluster.sh names the Orleans cluster after its database.
        var clusterId = options.Text("cluster-id", "playbound_cluster");
        var authors = options.Number("authors", 20);
        var followers = options.Number("followers", 1_000);
        var posts = options.Number("posts", 2_000);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Number("concurrency", 64) };
        // --reuse RUN publishes again to the authors and followers a previous run registered (its printed run id).
        var reuse = options.Text("reuse", "");
        var run = reuse.Length > 0 ? reuse : Guid.NewGuid().ToString("N")[..6];

        using var host = await StartGatewayAsync(postgres, redis, clusterId);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var hash = new PasswordHasher<object>().HashPassword(new object(), DriveCommand.Password);

        // Index author * (followers + 1): the author, then its followers.
        var userIds = new string[authors * (followers + 1)];
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, userIds.Length), parallel, async (i, _) =>
        {
            var account = grains.GetGrain<IAccountGrain>($"f{run}_{i}");
            userIds[i] = (reuse.Length > 0 ? (await account.GetCredentials())?.UserId : await account.Register($"Fan-out user {i}", hash))
                ?? throw new InvalidOperationException($"Handle f{run}_{i} is {(reuse.Length > 0 ? "not registered" : "taken")}.");
        });
        var authorIds = Enumerable.Range(0, authors).Select(a => userIds[a * (followers + 1)]).ToArray();
        if (reuse.Length == 0)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, userIds.Length).Where(i => i % (followers + 1) != 0), parallel, async (i, _) =>
                await grains.GetGrain<IUserGrain>(userIds[i]).Follow(authorIds[i / (followers + 1)]));
        }

        Console.WriteLine($"run {run}: {authors} authors x {followers:N0} followers ready in {seeding.Elapsed.TotalSeconds:N1} s");

        // Cluster feeds are Redis sorted sets named after the service id (scripts/cluster.sh: the cluster id too).
        using var feeds = await ConnectionMultiplexer.ConnectAsync(redis);
        var before = await CountFeedEntriesAsync(feeds, clusterId, userIds);
        var expected = (long)posts * (followers + 1);
        var publishMs = new double[posts];
        var started = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, posts), parallel, async (i, _) =>
        {
            var publishing = Stopwatch.GetTimestamp();
            await grains.GetGrain<IUserPostsGrain>(authorIds[i % authors]).Publish($"fan-out {run} post {i}", null);
            publishMs[i] = Stopwatch.GetElapsedTime(publishing).TotalMilliseconds;
        });
        var published = started.Elapsed;
        long stored;
        while ((stored = await CountFeedEntriesAsync(feeds, clusterId, userIds) - before) < expected)
        {
            await Task.Delay(100);
        }

        var elapsed = started.Elapsed;
        Console.WriteLine($"published {posts:N0} posts in {published.TotalSeconds:N1} s; {stored:N0} feed entries stored in {elapsed.TotalSeconds:N1} s");
        // Throughput is durable feed entries per second; the latency is each Publish call's (the fan-out behind it is not timed per post).
        ResultsOutput.Report(options, BenchmarkResult.Create(
            options.Text("scenario", "cluster durable fan-out"), options.Parameters, stored, 0, elapsed, "feed entries/s",
            LatencyDistribution.FromSamples(publishMs)));
        await host.StopAsync();
        return 0;
    }

    private static async Task<IHost> StartGatewayAsync(string postgres, string redis, string clusterId)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Playbound:Storage"] = "Postgres",
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis,
            ["Playbound:Cluster:Enabled"] = "true",
            ["Playbound:Cluster:ClusterId"] = clusterId,
            ["Playbound:Cluster:ServiceId"] = clusterId,
        });
        builder.AddPlayboundGateway();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The entries in the feeds of <paramref name="userIds"/>, one pipelined ZCARD each.</summary>
    private static async Task<long> CountFeedEntriesAsync(ConnectionMultiplexer redis, string serviceId, string[] userIds)
    {
        var database = redis.GetDatabase();
        var counts = await Task.WhenAll(userIds.Select(id => database.SortedSetLengthAsync($"{serviceId}:feed:{id}")));
        return counts.Sum();
    }
}
