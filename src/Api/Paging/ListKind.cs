namespace Playbound.Api.Paging;

/// <summary>The lists a cursor can belong to; a cursor issued for one is refused by every other.</summary>
public enum ListKind : byte
{
    /// <summary>A user's home feed.</summary>
    Feed = 1,

    /// <summary>A user's followers.</summary>
    Followers = 2,

    /// <summary>The users a user follows.</summary>
    Following = 3,

    /// <summary>A user's own posts.</summary>
    UserPosts = 4,

    /// <summary>A post's comments.</summary>
    Comments = 5,

    /// <summary>A user's notifications.</summary>
    Notifications = 6,

    /// <summary>The posts carrying a tag (scope: the tag, lower-cased).</summary>
    TaggedPosts = 7,

    /// <summary>Post search results (scope: the query's words).</summary>
    PostSearch = 8,

    /// <summary>User search results (scope: the lower-cased query).</summary>
    UserSearch = 9,

    /// <summary>Whom a user blocks.</summary>
    Blocks = 10,

    /// <summary>Whom a user mutes.</summary>
    Mutes = 11,

    /// <summary>Who reposted a post (scope: the post id).</summary>
    Reposters = 12,
}
