using System.Globalization;
using Playbound.Grains.Stores.Sql;
using StackExchange.Redis;

namespace Playbound.Grains.Stores.Redis;

/// <summary>
/// How feeds are laid out in Redis. A feed is a sorted set whose members all score 0 and read
/// <c>{post id, 19 digits}:{author id}</c>, so the set's lexicographic order is the posts' time order, exactly: a
/// 64-bit post id does not fit a score's double. A marker key says the feed was built; a feed read without it (Redis
/// lost the data, or the feed was never read) is rebuilt from the follows and posts first.
/// </summary>
internal sealed class RedisFeedKeys(string prefix)
{
    private const string PostIdFormat = "D19";

    /// <summary>The sorted set of <paramref name="userId"/>'s feed.</summary>
    public RedisKey Feed(string userId) => $"{prefix}:feed:{SocialValues.Id(userId, nameof(userId))}";

    /// <summary>The key whose presence says <paramref name="userId"/>'s feed was built.</summary>
    public RedisKey Built(string userId) => $"{prefix}:feed-built:{SocialValues.Id(userId, nameof(userId))}";

    /// <summary>The member for <paramref name="postId"/> by <paramref name="authorId"/>.</summary>
    public static RedisValue Member(string postId, string authorId) => $"{Bound(postId)}:{SocialValues.Id(authorId, nameof(authorId))}";

    /// <summary>A bound that sorts just below every member of <paramref name="postId"/> and above every older post's.</summary>
    public static RedisValue Bound(string postId) => SocialValues.Id(postId, nameof(postId)).ToString(PostIdFormat, CultureInfo.InvariantCulture);

    /// <summary>The feed entry a member stands for.</summary>
    public static FeedEntry Entry(RedisValue member)
    {
        var text = member.ToString();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var postId = long.Parse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture);
        return new FeedEntry(postId.ToString(CultureInfo.InvariantCulture), text[(colon + 1)..]);
    }

    /// <summary>Whether <paramref name="member"/> is a post by <paramref name="authorId"/>.</summary>
    public static bool IsBy(RedisValue member, string authorId) => member.ToString().EndsWith(":" + authorId, StringComparison.Ordinal);
}
