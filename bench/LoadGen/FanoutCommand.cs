using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Playbound.Bench.Results;
using Playbound.Grains;
using Playbound.Grains.Stores.Sqlite;

namespace Playbound.LoadGen;

/// <summary>
/// Measures fan-out in process: an author with <c>--followers</c> followers publishes <c>--posts</c> posts one after
/// another; for each, the time until the post is stored in every follower's feed (counted in feeds.db), and the
/// publish call's own latency.
/// </summary>
public static class FanoutCommand
{
    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var directory = Path.GetFullPath(options.Text("data", Path.Combine(Path.GetTempPath(), $"playbound-fanout-{Guid.NewGuid():N}")));
        var followers = options.Number("followers", 5_000);
        var posts = options.Number("posts", 20);
        await using var silo = await SiloHost.StartAsync(directory);
        var hash = new PasswordHasher<object>().HashPassword(new object(), DriveCommand.Password);

        var authorId = (await silo.Grains.GetGrain<IAccountGrain>("fanout_author").Register("Fan-out Author", hash))!;
        await Parallel.ForEachAsync(Enumerable.Range(0, followers), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var followerId = (await silo.Grains.GetGrain<IAccountGrain>($"fan_{i}").Register($"Fan {i}", hash))!;
            await silo.Grains.GetGrain<IUserGrain>(followerId).Follow(authorId);
        });
        await silo.DrainEventQueueAsync();
        Console.WriteLine($"author {authorId} has {followers:N0} followers");

        await using var database = new SqliteConnection($"Data Source={Path.Combine(directory, SqliteSocialStoreOptions.DefaultFeedFileName)};Mode=ReadOnly");
        await database.OpenAsync();
        var publishMs = new List<double>();
        var allFeedsMs = new List<double>();
        var author = silo.Grains.GetGrain<IUserPostsGrain>(authorId);
        var measuring = Stopwatch.StartNew();
        for (var i = 0; i < posts; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var post = await author.Publish($"fan-out measurement {i}", null);
            publishMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            while (await CountFeedsAsync(database, post.PostId) < followers)
            {
                await Task.Delay(2);
            }

            allFeedsMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var elapsed = measuring.Elapsed;
        Console.WriteLine($"publish: {LatencyDistribution.FromSamples(publishMs)}");
        // The figure is the time from publish to the post being in every follower's feed; feed entries/s is its throughput.
        ResultsOutput.Report(options, BenchmarkResult.Create(
            options.Text("scenario", $"fan-out to {followers:N0} followers"), options.Parameters, (long)posts * followers, 0, elapsed,
            "feed entries/s", LatencyDistribution.FromSamples(allFeedsMs)));
        return 0;
    }

    private static async Task<long> CountFeedsAsync(SqliteConnection database, string postId)
    {
        await using var command = database.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM feed_entries WHERE post_id = $post";
        command.Parameters.AddWithValue("$post", long.Parse(postId, System.Globalization.CultureInfo.InvariantCulture));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
