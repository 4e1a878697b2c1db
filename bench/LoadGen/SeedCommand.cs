using Bogus;
using Microsoft.AspNetCore.Identity;
using Playbound.Grains;
using Spectre.Console;

namespace Playbound.LoadGen;

/// <summary>
/// Seeds a realistic social graph through the grains (as the Api would, minus HTTP and per-user password hashing):
/// users with Bogus names, power-law follows (a few popular authors with thousands of followers), then posts, and
/// waits until every fan-out has been delivered. Writes users.txt for the drive command.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var directory = Path.GetFullPath(options.Text("data", "data"));
        Directory.CreateDirectory(directory);
        var userCount = options.Number("users", 10_000);
        var postCount = options.Number("posts", 100_000);
        var popular = options.Number("popular", 5);
        var popularFollowers = options.Number("popular-followers", 5_000);
        var random = new Random(options.Number("random", 42));
        Randomizer.Seed = new Random(options.Number("random", 42));
        var faker = new Faker();

        // --postgres seeds a cluster's database instead (users.txt still goes to --data), with the same graph for the same --random.
        var postgres = options.Text("postgres", "");
        await using var silo = postgres.Length == 0
            ? await SiloHost.StartAsync(directory)
            : await SiloHost.StartAsync(directory, ("Playbound:Storage", "Postgres"), ("ConnectionStrings:Postgres", postgres));
        var passwordHash = new PasswordHasher<object>().HashPassword(new object(), DriveCommand.Password);
        var users = new SeededUser[userCount];

        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var registering = progress.AddTask("register users", maxValue: userCount);
            await Parallel.ForEachAsync(Enumerable.Range(0, userCount), Parallel64, async (i, _) =>
            {
                var handle = Handle(faker, i);
                var userId = await silo.Grains.GetGrain<IAccountGrain>(handle).Register(faker.Name.FullName(), passwordHash)
                    ?? throw new InvalidOperationException($"Handle {handle} is taken; seed into an empty data directory.");
                users[i] = new SeededUser(userId, handle);
                registering.Increment(1);
            });

            var follows = FollowGraphPlan.Create(userCount, popular, popularFollowers, random);
            var following = progress.AddTask("follow", maxValue: follows.Count);
            await Parallel.ForEachAsync(follows, Parallel64, async (follow, _) =>
            {
                await silo.Grains.GetGrain<IUserGrain>(users[follow.Follower].UserId).Follow(users[follow.Followee].UserId);
                following.Increment(1);
            });

            var posting = progress.AddTask("publish posts", maxValue: postCount);
            var authors = Enumerable.Range(0, postCount).Select(_ => random.Next(userCount)).ToArray();
            await Parallel.ForEachAsync(Enumerable.Range(0, postCount), Parallel64, async (i, _) =>
            {
                await silo.Grains.GetGrain<IUserPostsGrain>(users[authors[i]].UserId).Publish(faker.Lorem.Sentence(random.Next(4, 24)), null);
                posting.Increment(1);
            });

            var draining = progress.AddTask("deliver fan-out", maxValue: 1);
            await silo.DrainEventQueueAsync();
            draining.Increment(1);
        });

        SeededUsers.Write(directory, users);
        AnsiConsole.MarkupLine($"seeded [green]{userCount:N0}[/] users, [green]{postCount:N0}[/] posts into {directory}");
        return 0;
    }

    private static ParallelOptions Parallel64 { get; } = new() { MaxDegreeOfParallelism = 64 };

    private static string Handle(Faker faker, int index)
    {
        var name = new string([.. faker.Internet.UserName().ToLowerInvariant().Where(static c => char.IsAsciiLetterOrDigit(c) || c == '_')]);
        var suffix = "_" + index;
        return (name.Length + suffix.Length > 30 ? name[..(30 - suffix.Length)] : name) + suffix;
    }
}
