using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

/// <summary>
/// The process the account deletion crash test kills: <c>dotnet Playbound.Grains.Tests.dll deletion-host DATA_DIR USER_ID
/// HANDLE</c> starts an embedded silo on the data directory, starts deleting the account, and removes its posts from
/// the feeds slowly, printing <c>removed-post</c> after each.
/// </summary>
public static class DeletionCrashHost
{
    private static readonly TimeSpan RemovalDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The settings both the crash host and the test's restarted silo run with.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string directory) =>
        new SocialClusterOptions
        {
            DataDirectory = directory,
            Settings = new Dictionary<string, string?>
            {
                ["Playbound:Accounts:Deletion:ReminderPeriod"] = "00:00:02",
                ["Playbound:Accounts:Deletion:FirstRetryDelay"] = "00:00:00.100",
            },
        }.Configuration();

    public static async Task<int> RunAsync(string directory, string userId, string handle)
    {
        using var host = EmbeddedSilo.Build(Settings(directory), SlowDownPostRemovals);
        await host.StartAsync();
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountDeletionGrain>(userId).Start(handle);
        Console.WriteLine("started");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    private static void SlowDownPostRemovals(IServiceCollection services) =>
        SlowFeedStore.Replace(services, nameof(IFeedStore.RemovePostAsync), RemovalDelay, "removed-post");
}
