using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Playbound.Grains;

namespace Playbound.Realtime;

/// <summary>
/// The realtime hub at <see cref="Path"/> (api.md, "Realtime"). The server pushes <c>feedPost</c>,
/// <c>notification</c> and <c>postUpdated</c>; clients call <see cref="WatchPost"/> and <see cref="UnwatchPost"/>.
/// A bad call answers a <see cref="HubException"/> and leaves the connection open. Each connection joins its user's
/// group and the groups of the posts it watches; in cluster mode those groups span Api nodes through the Redis
/// backplane, so a silo's push reaches the socket wherever it is, and <see cref="ConnectedUsers"/> feeds the presence
/// the silos consult before pushing.
/// </summary>
[Authorize]
public sealed class FeedHub(ConnectedUsers users, IGrainFactory grains) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/feed";

    /// <summary>How many posts one connection may watch at once; a feed page shows far fewer.</summary>
    public const int MaxWatchedPosts = 200;

    private string UserId => Context.UserIdentifier!;

    /// <summary>The group of the connections watching a post.</summary>
    public static string PostGroup(string postId) => "post:" + postId;

    /// <summary>The group of a user's connections.</summary>
    public static string UserGroup(string userId) => "user:" + userId;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(UserId));
        users.Add(UserId);
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // The hub drops the connection from its groups itself.
        users.Remove(UserId);
        return Task.CompletedTask;
    }

    /// <summary>Starts sending <c>postUpdated</c> for the post to this connection.</summary>
    /// <exception cref="HubException">The id is malformed, the post does not exist, or the connection watches too many posts.</exception>
    public async Task WatchPost(string postId)
    {
        RequireWellFormed(postId);
        if (await grains.GetGrain<IPostGrain>(postId).Get(null) is null)
        {
            throw new HubException($"Post '{postId}' does not exist.");
        }

        var watched = Watched();
        if (!watched.Contains(postId) && watched.Count >= MaxWatchedPosts)
        {
            throw new HubException($"A connection may watch at most {MaxWatchedPosts} posts; unwatch some first.");
        }

        if (watched.Add(postId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, PostGroup(postId));
        }
    }

    /// <summary>Stops sending <c>postUpdated</c> for the post to this connection; unwatching a post not watched does nothing.</summary>
    /// <exception cref="HubException">The id is malformed.</exception>
    public async Task UnwatchPost(string postId)
    {
        RequireWellFormed(postId);
        if (Watched().Remove(postId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, PostGroup(postId));
        }
    }

    private static void RequireWellFormed(string? postId)
    {
        if (!GrainKeys.IsWellFormed(postId))
        {
            throw new HubException($"postId must be a post id (1-{GrainKeys.MaxLength} ASCII letters, digits, _ - . or :).");
        }
    }

    // Hub instances live for one call; the connection's items outlive them.
    private HashSet<string> Watched()
    {
        if (Context.Items.TryGetValue(nameof(Watched), out var value) && value is HashSet<string> watched)
        {
            return watched;
        }

        watched = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[nameof(Watched)] = watched;
        return watched;
    }
}
