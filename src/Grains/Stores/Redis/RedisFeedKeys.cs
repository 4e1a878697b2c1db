using System.Globalization;
using Playbound.Grains.Stores.Sql;
using StackExchange.Redis;

namespace Playbound.Grains.Stores.Redis;

/// <summary>
/// How feeds are laid out in Redis. A feed is a sorted set whose members all score 0 and read
/// <c>{post id, 19 digits}:{author id}</c>, or for a repost <c>{repost id, 19 digits}:{author id}:{post id}:{reposter id}</c>,
/// so the set's lexicographic order is the order the entries entered, exactly: a 64-bit id does not fit a score's
/// double. Beside it a hash maps each post present through a repost (field: the post id, 19 digits) to its member, so a feed takes a post once. A
/// marker key says the feed was built; a feed read without it (Redis lost the data, or the feed was never read) is
/// rebuilt from the follows, posts and reposts first.
/// </summary>
internal sealed class RedisFeedKeys(string prefix)
{
    private const string PostIdFormat = "D19";

    /// <summary>The sorted set of <paramref name="userId"/>'s feed.</summary>
    public RedisKey Feed(string userId) => $"{prefix}:feed:{SocialValues.Id(userId, nameof(userId))}";

    /// <summary>The hash of <paramref name="userId"/>'s feed: post id to the member of the repost that brought it.</summary>
    public RedisKey Via(string userId) => $"{prefix}:feed-via:{SocialValues.Id(userId, nameof(userId))}";

    /// <summary>The key whose presence says <paramref name="userId"/>'s feed was built.</summary>
    public RedisKey Built(string userId) => $"{prefix}:feed-built:{SocialValues.Id(userId, nameof(userId))}";

    /// <summary>The member for <paramref name="postId"/> by <paramref name="authorId"/>.</summary>
    public static RedisValue Member(string postId, string authorId) => $"{Bound(postId)}:{SocialValues.Id(authorId, nameof(authorId))}";

    /// <summary>A bound that sorts just below every member of <paramref name="postId"/> and above every older post's.</summary>
    public static RedisValue Bound(string postId) => SocialValues.Id(postId, nameof(postId)).ToString(PostIdFormat, CultureInfo.InvariantCulture);

    /// <summary>The member for <paramref name="repost"/>.</summary>
    public static RedisValue Member(RepostRecord repost) =>
        $"{Bound(repost.RepostId)}:{SocialValues.Id(repost.AuthorId, "repost.AuthorId")}:{SocialValues.Id(repost.PostId, "repost.PostId")}:{SocialValues.Id(repost.UserId, "repost.UserId")}";

    /// <summary>The feed entry a member stands for.</summary>
    public static FeedEntry Entry(RedisValue member)
    {
        var parts = member.ToString().Split(':');
        var position = long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        return parts.Length == 4 ? new FeedEntry(parts[2], parts[1], parts[3], position) : new FeedEntry(position, parts[1]);
    }

    /// <summary>Whether <paramref name="member"/> is a post by <paramref name="authorId"/> or a repost by that user.</summary>
    public static bool IsBy(RedisValue member, string authorId) => member.ToString().EndsWith(":" + authorId, StringComparison.Ordinal);
}
