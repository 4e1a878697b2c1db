using Playbound.Grains.Ids;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Realtime;
using Playbound.Grains.Stores;
using Orleans.Runtime;
using Orleans.Streams;
using Playbound.Grains.Streams;

namespace Playbound.Grains.Posts;

/// <summary>The persisted content of a post behind <see cref="IPostGrain"/>; likes and comments are rows in the engagement store.</summary>
[GenerateSerializer, Alias("playbound.PostState")]
public sealed record PostState
{
    /// <summary>The author's user id.</summary>
    [Id(0)] public string AuthorId { get; init; } = "";

    /// <summary>The author's handle when the post was written.</summary>
    [Id(1)] public string AuthorHandle { get; init; } = "";

    /// <summary>The trimmed text.</summary>
    [Id(2)] public string Text { get; init; } = "";

    /// <summary>The post this one replies to, if any.</summary>
    [Id(3)] public string? ReplyTo { get; init; }

    /// <summary>When it was posted.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether the author deleted it; a deleted post answers as if it never existed.</summary>
    [Id(5)] public bool Deleted { get; init; }

    /// <summary>
    /// Its hashtags, parsed once when it was written. Added after the first version: a state stored before it reads
    /// as null, and the grain parses the text when it activates.
    /// </summary>
    [Id(6)] public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>
/// One post (key: post id). An activation holds the likers, the reposts and the comment count in memory, so a hot post is served
/// without touching a counter row; each like or comment is its own row in <see cref="IEngagementStore"/>. Every
/// change of the counts is pushed to the clients watching the post.
/// </summary>
public sealed partial class PostGrain(
    [PersistentState("post")] IPersistentState<PostState> post,
    IEngagementStore engagement,
    IRepostStore reposts,
    IPostIndex index,
    IFeedStore feeds,
    IUserDirectory directory,
    IIdGenerator ids,
    IRealtimePublisher realtime,
    IPostViewInvalidator views,
    TimeProvider time) : Grain, IPostGrain
{
    private HashSet<string> _likers = new(StringComparer.Ordinal);
    private Dictionary<string, RepostRecord> _reposts = new(StringComparer.Ordinal);
    private long _comments;

    private string PostId => this.GetPrimaryKeyString();

    private PostState State => post.State;

    private bool Exists => post.RecordExists && !State.Deleted;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (post.RecordExists && State.Tags is null)
        {
            post.State = State with { Tags = Hashtags.Parse(State.Text) };
        }

        if (Exists)
        {
            _likers = new HashSet<string>(await engagement.GetLikersAsync(PostId, cancellationToken), StringComparer.Ordinal);
            _comments = await engagement.CountCommentsAsync(PostId, cancellationToken);
            _reposts = (await reposts.GetByPostAsync(PostId, cancellationToken)).ToDictionary(static r => r.UserId, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc />
    public async Task<PostView> Create(PostDraft draft)
    {
        if (post.RecordExists)
        {
            return View(draft.AuthorId);
        }

        post.State = new PostState
        {
            AuthorId = draft.AuthorId,
            AuthorHandle = draft.AuthorHandle,
            Text = draft.Text,
            ReplyTo = draft.ReplyTo,
            CreatedAt = draft.CreatedAt,
            Tags = Hashtags.Parse(draft.Text),
        };

        // The event log first, then the state: once Create returns, the fan-out is certain. A silo dying in between
        // leaves an event whose post was never stored; the fan-out finds no post and skips it, and the client's retry
        // publishes a new post.
        await PostEvents().OnNextAsync(new PostPublished(PostId, draft.AuthorId, draft.CreatedAt, State.Tags));
        foreach (var user in draft.MentionedUserIds)
        {
            await NotifyAsync(user, NotificationTypes.Mention, draft.AuthorId, draft.AuthorHandle, draft.CreatedAt);
        }

        await post.WriteStateAsync();
        return View(draft.AuthorId);
    }

    /// <inheritdoc />
    public Task<PostView?> Get(string? viewerId) => Task.FromResult(Exists ? View(viewerId) : null);

    /// <inheritdoc />
    public async Task<PostOutcome> Delete(string requesterId)
    {
        if (!Exists)
        {
            return PostOutcome.NotFound;
        }

        if (requesterId != State.AuthorId)
        {
            return PostOutcome.Forbidden;
        }

        // As in Create, the event goes first: a delete that returned is certain to reach every feed.
        await PostEvents().OnNextAsync(new PostDeleted(PostId, State.AuthorId));

        // A tombstone: the author (for the removals below) and the fact, never the text.
        post.State = new PostState { AuthorId = State.AuthorId, CreatedAt = State.CreatedAt, Deleted = true, Tags = [] };
        await post.WriteStateAsync();
        _likers.Clear();
        _reposts.Clear();
        _comments = 0;
        await views.InvalidateAsync(PostId);
        await engagement.RemovePostAsync(PostId, CancellationToken.None);

        // Inline, so the author's list and feeds drop it at once; the PostDeleted event repeats this after a crash.
        await index.RemoveAsync(PostId, CancellationToken.None);
        await feeds.RemovePostAsync(PostId, State.AuthorId, CancellationToken.None);
        return PostOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<PostOutcome> Like(string userId)
    {
        if (!Exists || await IsBlockedByAuthorAsync(userId))
        {
            return PostOutcome.NotFound;
        }

        if (_likers.Contains(userId))
        {
            return PostOutcome.Done;
        }

        if (userId != State.AuthorId && await directory.GetAsync(userId, CancellationToken.None) is { } liker)
        {
            // Notify first: the published event outlives a process that dies before the like row is written.
            await NotifyAsync(State.AuthorId, NotificationTypes.Like, liker);
        }

        await engagement.AddLikeAsync(PostId, userId, CancellationToken.None);
        _likers.Add(userId);
        await CountsChangedAsync();
        return PostOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<PostOutcome> Unlike(string userId)
    {
        if (!Exists)
        {
            return PostOutcome.NotFound;
        }

        if (_likers.Contains(userId))
        {
            await engagement.RemoveLikeAsync(PostId, userId, CancellationToken.None);
            _likers.Remove(userId);
            await CountsChangedAsync();
        }

        return PostOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<CommentView?> AddComment(string authorId, string text)
    {
        if (!Exists || await IsBlockedByAuthorAsync(authorId))
        {
            return null;
        }

        var commenter = await directory.GetAsync(authorId, CancellationToken.None)
            ?? throw new InvalidOperationException($"User '{authorId}' does not exist.");
        var comment = new CommentRecord(ids.NewId(), PostId, authorId, commenter.Handle, text, time.GetStoredUtcNow());
        await NotifyCommentAsync(commenter, text);
        await engagement.AddCommentAsync(comment, CancellationToken.None);
        _comments++;
        await CountsChangedAsync();
        return new CommentView(comment.CommentId, PostId, authorId, commenter.Handle, text, comment.CreatedAt);
    }

    /// <inheritdoc />
    public async Task<Page<CommentView>?> GetComments(int limit, string? cursor)
    {
        if (!Exists)
        {
            return null;
        }

        var page = await KeysetPages.ReadAsync(limit, cursor, (take, after) => engagement.GetCommentsAsync(PostId, take, after, CancellationToken.None), static c => c.CommentId);
        return new Page<CommentView>([.. page.Items.Select(static c => new CommentView(c.CommentId, c.PostId, c.AuthorId, c.AuthorHandle, c.Text, c.CreatedAt))], page.NextCursor);
    }

    /// <inheritdoc />
    public Task<PostCounts?> GetCounts() => Task.FromResult(Exists ? Counts() : null);

    /// <inheritdoc />
    public async Task ForgetUser(string userId)
    {
        // The rows go whether or not the post still exists: a crash may have left them behind a deleted post.
        var unliked = await engagement.RemoveLikeAsync(PostId, userId, CancellationToken.None);
        var uncommented = await engagement.RemoveCommentsAsync(PostId, userId, CancellationToken.None);
        var unreposted = await UndoRepostAsync(userId);
        if (Exists && (unliked || uncommented > 0 || unreposted))
        {
            _likers.Remove(userId);
            _comments = Math.Max(0, _comments - uncommented);
            await CountsChangedAsync();
        }
    }

    private PostCounts Counts() => new(PostId, _likers.Count, _comments);

    /// <summary>The silos' cached views of this post are stale now, and its watchers want the new counts.</summary>
    private async Task CountsChangedAsync()
    {
        await views.InvalidateAsync(PostId);
        realtime.PushToPostWatchers(Counts());
    }

    /// <summary>Notifies the post's author of the comment (unless it is theirs) and everyone it mentions.</summary>
    private async Task NotifyCommentAsync(UserRecord commenter, string text)
    {
        var notifyAuthor = commenter.UserId != State.AuthorId;
        if (notifyAuthor)
        {
            await NotifyAsync(State.AuthorId, NotificationTypes.Comment, commenter);
        }

        // The author already hears of the comment; a mention of them in it adds nothing.
        foreach (var mentioned in await Mentions.ResolveAsync(GrainFactory, text, commenter.UserId))
        {
            if (mentioned != State.AuthorId || !notifyAuthor)
            {
                await NotifyAsync(mentioned, NotificationTypes.Mention, commenter);
            }
        }
    }

    private Task NotifyAsync(string userId, string type, UserRecord actor) =>
        NotifyAsync(userId, type, actor.UserId, actor.Handle, time.GetStoredUtcNow());

    private Task NotifyAsync(string userId, string type, string actorId, string actorHandle, DateTimeOffset at) =>
        this.GetEventStream<NotificationRequested>(StreamNamespaces.Notifications, userId).OnNextAsync(
            new NotificationRequested(ids.NewId(), userId, type, actorId, actorHandle, PostId, at));

    /// <summary>Whether the post's author blocks <paramref name="userId"/>, to whom the post then does not exist.</summary>
    private async Task<bool> IsBlockedByAuthorAsync(string userId) =>
        userId != State.AuthorId && (await GrainFactory.GetGrain<IRelationsGrain>(userId).GetRelations()).BlockedBy.Contains(State.AuthorId);

    private IAsyncStream<PostEvent> PostEvents() => this.GetEventStream<PostEvent>(StreamNamespaces.Posts, State.AuthorId);

    private PostView View(string? viewerId) => new(
        PostId, State.AuthorId, State.AuthorHandle, State.Text, State.ReplyTo, State.CreatedAt,
        _likers.Count, _comments, viewerId is not null && _likers.Contains(viewerId), State.Tags ?? [],
        _reposts.Count, viewerId is not null && _reposts.ContainsKey(viewerId));
}
