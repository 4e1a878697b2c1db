using System.Diagnostics;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Grains;
using Playbound.Grains.Feeds;
using Playbound.Grains.Stores;
using Spectre.Console;

namespace Playbound.LoadGen;

/// <summary>
/// Seeds a social graph: users with Bogus names and posts through the grains (as the Api would, minus HTTP and
/// per-user password hashing), then the follows and the feed rows they imply straight through the social store's own
/// interfaces, and writes users.txt for the drive command. <c>--graph classic</c> (default): 5 to 200 follows each
/// plus <c>--popular</c> authors with <c>--popular-followers</c> each, posts spread evenly over the users.
/// <c>--graph power-law</c>: see <see cref="PowerLawPlan"/>. The same <c>--random</c> gives the same graph.
/// </summary>
/// <remarks>
/// Following through <see cref="IUserGrain"/> costs ~10 statements and two events per follow (the follower's state,
/// the projection, the notification): 900 to 1,800 follows/s here, 20 to 40 minutes for the power-law set's 2 M follows.
/// The store path writes the same follows, counters and feed rows (each author's posts copied into its followers'
/// feeds with the statement a celebrity's demotion uses, which is what fan-out would have stored) in a fraction of
/// that; it leaves out only the follow notifications. Posts go first, so no fan-out runs while the graph is empty.
/// </remarks>
public static class SeedCommand
{
    /// <summary>
    /// The version of a seeded follow: above the store's "never followed" placeholder, below the first change a
    /// user grain makes (its versions start at 1), so a later follow or unfollow through the Api outranks it.
    /// </summary>
    private const long SeededFollowVersion = long.MinValue + 1;

    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var directory = Path.GetFullPath(options.Text("data", "data"));
        Directory.CreateDirectory(directory);
        var userCount = options.Number("users", 10_000);
        var postCount = options.Number("posts", 100_000);
        var random = new Random(options.Number("random", 42));
        Randomizer.Seed = new Random(options.Number("random", 42));
        var faker = new Faker();
        var plan = Plan(options, userCount, postCount, random);
        Console.WriteLine(plan.Describe(userCount));

        // Authors with this many followers are merged at read time; the Api must run with the same threshold.
        var celebrityThreshold = ("Playbound:Feed:CelebrityThreshold", options.Text("celebrity-threshold", $"{FeedOptions.DefaultCelebrityThreshold}"));
        // --postgres seeds a cluster's database instead (users.txt still goes to --data), with the same graph for the same --random.
        var postgres = options.Text("postgres", "");
        await using var silo = postgres.Length == 0
            ? await SiloHost.StartAsync(directory, celebrityThreshold)
            : await SiloHost.StartAsync(directory, celebrityThreshold, ("Playbound:Storage", "Postgres"), ("ConnectionStrings:Postgres", postgres));
        var feedOptions = silo.Services.GetRequiredService<IOptions<FeedOptions>>().Value;
        var graph = silo.Services.GetRequiredService<IFollowGraph>();
        var feeds = silo.Services.GetRequiredService<IFeedStore>();
        var passwordHash = new PasswordHasher<object>().HashPassword(new object(), DriveCommand.Password);
        var users = new SeededUser[userCount];
        var followers = plan.FollowerCounts(userCount);
        var phases = new List<string>();

        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            await TimedAsync(phases, "register users", progress, Enumerable.Range(0, userCount).ToArray(), async i =>
            {
                var handle = Handle(faker, i);
                var userId = await silo.Grains.GetGrain<IAccountGrain>(handle).Register(faker.Name.FullName(), passwordHash)
                    ?? throw new InvalidOperationException($"Handle {handle} is taken; seed into an empty data directory.");
                users[i] = new SeededUser(userId, handle);
            });
            var texts = new SeedTexts(faker);
            await TimedAsync(phases, "publish posts", progress, plan.PostAuthors, author =>
                silo.Grains.GetGrain<IUserPostsGrain>(users[author].UserId).Publish(texts.Next(), null));
            // The fan-out worker is what indexes a post (the posts table the feed rows are copied from).
            await TimedAsync(phases, "deliver fan-out", progress, [0], _ => silo.DrainEventQueueAsync());

            // In follower order: each follower's rows sit together in the follows table and its indexes.
            var follows = plan.Follows.OrderBy(static f => f.Follower).ThenBy(static f => f.Followee).ToArray();
            var at = DateTimeOffset.UtcNow;
            await TimedAsync(phases, "follow", progress, follows, follow => graph.SetFollowAsync(
                users[follow.Follower].UserId, users[follow.Followee].UserId, true, SeededFollowVersion, at, CancellationToken.None));
            var authors = plan.PostAuthors.Distinct().ToArray();
            await TimedAsync(phases, "fill feeds", progress, [.. authors.Where(a => followers[a] < feedOptions.CelebrityThreshold)], author =>
                feeds.BackfillFollowersAsync(users[author].UserId, feedOptions.MaxEntries, CancellationToken.None));
            await TimedAsync(phases, "mark celebrities", progress, [.. authors.Where(a => followers[a] >= feedOptions.CelebrityThreshold)], author =>
                silo.Grains.GetGrain<IUserGrain>(users[author].UserId).RefreshAuthorStatus());
        });

        SeededUsers.Write(directory, users);
        phases.ForEach(Console.WriteLine);
        Console.WriteLine($"seeded {userCount:N0} users, {plan.Follows.Length:N0} follows, {postCount:N0} posts into {directory}");
        return 0;
    }

    private static SeedPlan Plan(LoadGenOptions options, int users, int posts, Random random)
    {
        var graph = options.Text("graph", "classic");
        return graph switch
        {
            "classic" => new SeedPlan(
                FollowGraphPlan.Create(users, options.Number("popular", 5), options.Number("popular-followers", 5_000), random),
                [.. Enumerable.Range(0, posts).Select(_ => random.Next(users))]),
            "power-law" => PowerLawPlan.Create(users, posts, new PowerLawShape(
                options.Number("median-follows", 150), options.Number("top-followers", 9_000), options.Real("activity-exponent", 0.8)), random),
            _ => throw new ArgumentException($"--graph must be classic or power-law, not '{graph}'."),
        };
    }

    /// <summary>Runs one seeding phase, 64 calls at a time, with a progress bar, and notes how long it took.</summary>
    private static async Task TimedAsync<T>(List<string> phases, string name, ProgressContext progress, T[] items, Func<T, Task> call)
    {
        var task = progress.AddTask(name, maxValue: Math.Max(1, items.Length));
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, _) =>
        {
            await call(item);
            task.Increment(1);
        });
        phases.Add($"{name} ({items.Length:N0}): {stopwatch.Elapsed.TotalSeconds:N1} s");
    }

    private static string Handle(Faker faker, int index)
    {
        var name = new string([.. faker.Internet.UserName().ToLowerInvariant().Where(static c => char.IsAsciiLetterOrDigit(c) || c == '_')]);
        var suffix = "_" + index;
        return (name.Length + suffix.Length > 30 ? name[..(30 - suffix.Length)] : name) + suffix;
    }
}
