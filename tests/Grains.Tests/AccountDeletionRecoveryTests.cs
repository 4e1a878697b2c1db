using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

public sealed class AccountDeletionRecoveryTests
{
    private const int FollowerCount = 1000;
    private const int PostCount = 12;

    [Fact]
    public async Task After_a_kill_in_the_middle_of_a_deletion_the_restarted_process_completes_it_and_nothing_of_the_account_remains()
    {
        var directory = TestDatabases.NewSqliteDirectory();
        var settings = DeletionCrashHost.Settings(directory).ToList();
        string leaver;
        string[] followers;
        var posts = new List<string>();
        using (var setup = EmbeddedSilo.Build(settings))
        {
            await setup.StartAsync();
            var grains = setup.Services.GetRequiredService<IGrainFactory>();
            leaver = (await grains.GetGrain<IAccountGrain>("leaver").Register("Leaver", "hash"))!;
            followers = await RegisterFollowersAsync(grains, leaver);
            for (var i = 0; i < PostCount; i++)
            {
                posts.Add((await grains.GetGrain<IUserPostsGrain>(leaver).Publish($"post {i} #farewell", null)).PostId);
            }

            var feeds = setup.Services.GetRequiredService<IFeedStore>();
            await Eventually.TrueAsync(
                async () => (await Task.WhenAll(followers.Select(f => feeds.GetEntriesAsync(f, PostCount, null, default)))).All(static e => e.Count == PostCount),
                "every post reached every follower's feed",
                90);
            await setup.StopAsync();
        }

        // Killed while the deletion takes the posts out of the feeds: some are out, most are not.
        var lines = await CrashProcess.RunAndKillAsync(["deletion-host", directory, leaver, "leaver"], static lines => lines.Count(static l => l == "removed-post") == 3);
        Assert.Contains("started", lines);

        using var restarted = EmbeddedSilo.Build(settings);
        await restarted.StartAsync();
        var services = restarted.Services;
        var factory = services.GetRequiredService<IGrainFactory>();

        // Nothing calls the deletion grain: the reminder resumes it. Its last step frees the handle.
        string? successor = null;
        await Eventually.TrueAsync(async () => (successor = await factory.GetGrain<IAccountGrain>("leaver").Register("Successor", "hash")) is not null, "the handle was released", 90);
        Assert.NotEqual(leaver, successor);

        var store = services.GetRequiredService<IFeedStore>();
        foreach (var follower in followers)
        {
            Assert.Empty(await store.GetEntriesAsync(follower, PostCount, null, default));
        }

        foreach (var post in posts)
        {
            Assert.Null(await factory.GetGrain<IPostGrain>(post).Get(null));
        }

        Assert.Empty(await services.GetRequiredService<IPostIndex>().GetByAuthorAsync(leaver, 10, null, default));
        Assert.Empty((await factory.GetGrain<ISearchGrain>(0).GetTagged("farewell", 10, null, followers[0])).Items);
        Assert.Equal(new UserCounts(0, 0, 0), await services.GetRequiredService<IUserDirectory>().GetCountsAsync(leaver, default));
        Assert.Equal(0, (await services.GetRequiredService<IUserDirectory>().GetCountsAsync(followers[0], default)).Following);
        Assert.Null(await services.GetRequiredService<IUserDirectory>().GetAsync(leaver, default));
        Assert.Null(await factory.GetGrain<IUserGrain>(leaver).GetProfile());
        Assert.True((await factory.GetGrain<IAccountDeletionGrain>(leaver).GetStatus()).Completed);
        await restarted.StopAsync();
    }

    /// <summary>Real users (account, user grain, follow through the grain): the deletion ends each follow through the follower's grain.</summary>
    private static async Task<string[]> RegisterFollowersAsync(IGrainFactory grains, string followee)
    {
        var followers = new string[FollowerCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, FollowerCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            followers[i] = (await grains.GetGrain<IAccountGrain>($"follower{i}").Register($"Follower {i}", "hash"))!;
            Assert.Equal(FollowOutcome.Done, await grains.GetGrain<IUserGrain>(followers[i]).Follow(followee));
        });
        return followers;
    }
}
