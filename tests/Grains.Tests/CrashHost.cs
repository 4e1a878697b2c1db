using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

/// <summary>
/// The process the fan-out crash test kills: <c>dotnet Playbound.Grains.Tests.dll crash-host DATA_DIR AUTHOR_ID</c>
/// starts an embedded silo (a plain host with <c>AddPlayboundSilo</c>, as the product runs) on the data directory,
/// publishes one post by the author, and fans it out slowly, printing <c>stored-page</c> after each page of feeds is stored.
/// </summary>
public static class CrashHost
{
    public const int PageSize = 20;

    private static readonly TimeSpan PageDelay = TimeSpan.FromMilliseconds(100);

    public static async Task<int> Main(string[] args)
    {
        if (args is ["deletion-host", var dataDirectory, var userId, var handle])
        {
            return await DeletionCrashHost.RunAsync(dataDirectory, userId, handle);
        }

        if (args is not ["crash-host", var directory, var authorId])
        {
            await Console.Error.WriteLineAsync("usage: crash-host DATA_DIR AUTHOR_ID | deletion-host DATA_DIR USER_ID HANDLE");
            return 2;
        }

        var settings = new SocialClusterOptions { DataDirectory = directory, FanoutPageSize = PageSize, FanoutParallelism = 1 }.Configuration();
        using var host = EmbeddedSilo.Build(settings, SlowDownFeedWrites);
        await host.StartAsync();
        var post = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserPostsGrain>(authorId).Publish("crash test", null);
        Console.WriteLine($"published {post.PostId}");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    private static void SlowDownFeedWrites(IServiceCollection services) =>
        SlowFeedStore.Replace(services, nameof(IFeedStore.AddToFeedsAsync), PageDelay, "stored-page");
}
