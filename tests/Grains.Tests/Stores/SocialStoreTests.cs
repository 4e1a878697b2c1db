using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Xunit.Abstractions;

namespace Playbound.Grains.Tests.Stores;

/// <summary>
/// The behaviour every implementation of the social stores must show, one partial file per store interface. Each
/// subclass runs the whole suite against one database, fresh for every test (so tests never see each other's rows).
/// Stores are resolved through the registration extension methods, so the suite also covers the DI wiring.
/// </summary>
public abstract partial class SocialStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A time with sub-second digits down to the microsecond, which both databases must keep.</summary>
    protected static readonly DateTimeOffset Epoch = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(5_358_970);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly List<ServiceProvider> _providers = [];
    private long _lastId = 7_300_000_000_000_000;

    /// <summary>The stores of the database opened for this test.</summary>
    protected Stores Db { get; private set; } = null!;

    /// <summary>Where tests write measurements.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <inheritdoc />
    public virtual Task InitializeAsync()
    {
        Db = Open();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync().AsTask().WaitAsync(Timeout);
        }
    }

    /// <summary>Registers the stores of this test's database.</summary>
    protected abstract void AddStores(IServiceCollection services);

    /// <summary>Opens the stores over this test's database through a new container (a second call is a restart).</summary>
    protected Stores Open()
    {
        var services = new ServiceCollection();
        AddStores(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return new Stores(provider);
    }

    /// <summary>Disposes the container of <paramref name="stores"/> (closing its connections) and opens a new one.</summary>
    protected async Task<Stores> ReopenAsync(Stores stores)
    {
        await stores.Provider.DisposeAsync();
        _providers.Remove(stores.Provider);
        return Open();
    }

    /// <summary>A fresh id, greater than every id handed out before (ids are time-sortable).</summary>
    protected string NewId() => (++_lastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>A time <paramref name="seconds"/> after <see cref="Epoch"/>.</summary>
    protected static DateTimeOffset At(double seconds) => Epoch.AddSeconds(seconds);

    /// <summary>Creates a user named after its id.</summary>
    protected async Task<string> NewUserAsync()
    {
        var id = NewId();
        await Db.Users.UpsertAsync(new UserRecord(id, "u" + id, "User " + id, "", Epoch), default);
        return id;
    }

    /// <summary>Creates <paramref name="count"/> users.</summary>
    protected async Task<List<string>> NewUsersAsync(int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await NewUserAsync());
        }

        return ids;
    }

    /// <summary>Makes <paramref name="follower"/> follow (or unfollow) <paramref name="followee"/> with the next version.</summary>
    protected Task<FollowChange> FollowAsync(string follower, string followee, double atSeconds = 0, bool following = true) =>
        Db.Follows.SetFollowAsync(follower, followee, following, ++_lastId, At(atSeconds), default);

    /// <summary>Stores a post by <paramref name="author"/> and returns its id.</summary>
    protected async Task<string> NewPostAsync(string author, string text = "hello")
    {
        var id = NewId();
        await Db.Posts.AddAsync(new PostRecord(id, author, "u" + author, text, null, Epoch), Hashtags.Parse(text), default);
        return id;
    }

    /// <summary>Every store of one container.</summary>
    protected sealed class Stores(ServiceProvider provider)
    {
        public ServiceProvider Provider { get; } = provider;

        public IUserDirectory Users { get; } = provider.GetRequiredService<IUserDirectory>();

        public IFollowGraph Follows { get; } = provider.GetRequiredService<IFollowGraph>();

        public IPostIndex Posts { get; } = provider.GetRequiredService<IPostIndex>();

        public IFeedStore Feeds { get; } = provider.GetRequiredService<IFeedStore>();

        public IEngagementStore Engagement { get; } = provider.GetRequiredService<IEngagementStore>();

        public INotificationStore Notifications { get; } = provider.GetRequiredService<INotificationStore>();

        public ISearchIndex Search { get; } = provider.GetRequiredService<ISearchIndex>();

        public IRelationStore Relations { get; } = provider.GetRequiredService<IRelationStore>();

        public IRepostStore Reposts { get; } = provider.GetRequiredService<IRepostStore>();
    }
}
