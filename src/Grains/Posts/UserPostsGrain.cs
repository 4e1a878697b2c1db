using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Ids;
using Playbound.Grains.Stores;
using Orleans.Runtime;

namespace Playbound.Grains.Posts;

/// <summary>
/// An author's posts (key: author id). Publishing creates the post grain (state and <see cref="PostPublished"/>
/// event in one write, which starts the fan-out) and then inserts the posts row inline, so the author's list and
/// counter show it at once. Keeps the newest post ids in memory for celebrity merges at feed read time.
/// </summary>
public sealed class UserPostsGrain(
    IPostIndex posts, IUserDirectory directory, IIdGenerator ids, IOptions<FeedOptions> options, TimeProvider time)
    : Grain, IUserPostsGrain
{
    private readonly int _cacheSize = options.Value.MaxEntries;
    private RecentPosts? _recent;
    private string? _handle;

    private string AuthorId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<PostView> Publish(string text, string? replyTo)
    {
        _handle ??= (await directory.GetAsync(AuthorId, CancellationToken.None))?.Handle
            ?? throw new InvalidOperationException($"User '{AuthorId}' does not exist.");
        var mentioned = await Mentions.ResolveAsync(GrainFactory, text, AuthorId);
        var postId = ids.NewId();
        var view = await GrainFactory.GetGrain<IPostGrain>(postId)
            .Create(new PostDraft(AuthorId, _handle, text, replyTo, time.GetStoredUtcNow(), mentioned));
        _recent?.Add(SnowflakeId.Parse(postId));

        // The fan-out repeats this insert, so a crash right here loses nothing.
        await posts.AddAsync(new PostRecord(postId, AuthorId, _handle, text, replyTo, view.CreatedAt), view.Tags, CancellationToken.None);
        return view;
    }

    /// <inheritdoc />
    public async Task<Page<PostView>> GetPosts(int limit, string? cursor, string? viewerId)
    {
        var page = await KeysetPages.ReadAsync(limit, cursor, (take, before) => posts.GetByAuthorAsync(AuthorId, take, before, CancellationToken.None), static p => p.PostId);
        var views = await Task.WhenAll(page.Items.Select(p => GrainFactory.GetGrain<IPostGrain>(p.PostId).Get(viewerId)));
        return new Page<PostView>([.. views.OfType<PostView>()], page.NextCursor);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetRecentPostIds(int count, string? beforePostId)
    {
        var before = SnowflakeId.ParseCursor(beforePostId);
        var recent = _recent ?? await LoadRecentAsync();
        if (recent.TryTake(count, before) is { } cached)
        {
            return cached;
        }

        var rows = await posts.GetByAuthorAsync(AuthorId, count, beforePostId, CancellationToken.None);
        return [.. rows.Select(static p => p.PostId)];
    }

    /// <inheritdoc />
    public Task ForgetPost(string postId)
    {
        if (SnowflakeId.TryParse(postId, out var id))
        {
            _recent?.Remove(id);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Loads the newest ids. Read-only calls may overlap, so two may load at once; both read the same rows and no
    /// write runs beside them, so whichever assignment lands last is as good as the other.
    /// </summary>
    private async Task<RecentPosts> LoadRecentAsync()
    {
        var rows = await posts.GetByAuthorAsync(AuthorId, _cacheSize + 1, null, CancellationToken.None);
        var ids = rows.Take(_cacheSize).Select(static p => SnowflakeId.Parse(p.PostId));
        return _recent = new RecentPosts(ids, complete: rows.Count <= _cacheSize, _cacheSize);
    }
}
