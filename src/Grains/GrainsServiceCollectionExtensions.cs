using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Grains.Accounts.Deletion;
using Playbound.Grains.Diagnostics;
using Playbound.Grains.Feeds;
using Playbound.Grains.Ids;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Realtime;

namespace Playbound.Grains;

/// <summary>Registers what the social grains need besides their stores.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FeedOptions"/> (bound to <c>Playbound:Feed</c>), <see cref="AccountDeletionOptions"/>
    /// (<c>Playbound:Accounts:Deletion</c>), the <see cref="IIdGenerator"/> (node id from
    /// <c>Playbound:NodeId</c>) and the silo's <see cref="PostViewCache"/> (<c>Playbound:PostViewCache</c>), validated at
    /// startup; post views are invalidated only in this silo until cluster mode adds its Redis invalidator. The stores (<c>IUserDirectory</c>, ...) are registered
    /// separately, per storage kind. Realtime pushes go nowhere until a host with a hub replaces
    /// <see cref="IUserPresence"/> and <see cref="IRealtimePublisher"/>.
    /// </summary>
    public static IServiceCollection AddSocialGrains(this IServiceCollection services)
    {
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.SectionName).ValidateOnStart();
        services.AddOptions<IdGeneratorOptions>().BindConfiguration(IdGeneratorOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdGeneratorOptions>, IdGeneratorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, SnowflakeIdGenerator>();
        services.AddOptions<PostViewCacheOptions>().BindConfiguration(PostViewCacheOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostViewCacheOptions>, PostViewCacheOptionsValidator>());
        services.TryAddSingleton<PostViewCache>();
        services.TryAddSingleton<PostHydrator>();
        services.TryAddSingleton<IPostViewInvalidator, LocalPostViewInvalidator>();
        services.AddMetrics();
        services.TryAddSingleton<FeedMetrics>();
        services.AddOptions<AccountDeletionOptions>().BindConfiguration(AccountDeletionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountDeletionOptions>, AccountDeletionOptionsValidator>());
        services.TryAddSingleton<AccountEraser>();
        services.TryAddSingleton<AccountMetrics>();
        services.TryAddSingleton<NoRealtimeClients>();
        services.TryAddSingleton<IUserPresence>(static sp => sp.GetRequiredService<NoRealtimeClients>());
        services.TryAddSingleton<IRealtimePublisher>(static sp => sp.GetRequiredService<NoRealtimeClients>());
        return services;
    }
}
