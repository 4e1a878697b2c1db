using System.Globalization;
using Orleans.Concurrency;
using Playbound.Grains.Ids;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Search;

/// <summary>
/// Answers tag pages and search on any silo (<see cref="ISearchIndex"/> for the ids, the silo's
/// <see cref="PostHydrator"/> for the posts, the viewer's <see cref="IRelationsGrain"/> once per page for what they
/// may not see). Post lists page by post id; a post deleted after the index was read hydrates to nothing, and it and
/// the posts of blocked or blocking users are skipped, the page filling up from the rows after them. User lists page
/// by (rank, handle).
/// </summary>
[StatelessWorker]
public sealed class SearchGrain(ISearchIndex index, PostHydrator posts) : Grain, ISearchGrain
{
    /// <inheritdoc />
    public Task<Page<PostView>> GetTagged(string tag, int limit, string? cursor, string viewerId)
    {
        if (!Hashtags.IsTag(tag))
        {
            throw new ArgumentException($"'{tag}' is not a tag.", nameof(tag));
        }

        var normalized = Hashtags.Normalize(tag);
        return PostPageAsync(limit, cursor, viewerId, (take, before) => index.GetTaggedAsync(normalized, take, before, CancellationToken.None));
    }

    /// <inheritdoc />
    public Task<Page<PostView>> FindPosts(string query, int limit, string? cursor, string viewerId)
    {
        string[] words = [.. Words.Of(query).Take(Words.MaxQueryWords)];
        return PostPageAsync(limit, cursor, viewerId, (take, before) => index.FindPostsAsync(words, take, before, CancellationToken.None));
    }

    /// <inheritdoc />
    public async Task<Page<UserSummary>> FindUsers(string query, int limit, string? cursor, string viewerId)
    {
        var prefix = query.Trim().ToLowerInvariant();
        var relations = await RelationsOf(viewerId);
        return await KeysetPages.FillAsync(
            limit,
            ParseUserCursor(cursor),
            (take, after) => index.FindUsersAsync(prefix, take, after, CancellationToken.None),
            batch => Task.FromResult(batch.Where(m => !relations.BlockedBy.Contains(m.UserId)).Select(static m => new UserSummary(m.UserId, m.Handle, m.DisplayName))),
            FormatUserCursor);
    }

    private async Task<Page<PostView>> PostPageAsync(
        int limit, string? cursor, string viewerId, Func<int, string?, Task<IReadOnlyList<string>>> read)
    {
        SnowflakeId.ParseCursor(cursor);
        var relations = await RelationsOf(viewerId);
        return await KeysetPages.FillAsync(
            limit,
            cursor,
            read,
            async batch => (await posts.HydrateAsync(batch, viewerId)).OfType<PostView>().Where(view => !relations.Hides(view.AuthorId)),
            static id => id);
    }

    private Task<Relations> RelationsOf(string viewerId) => GrainFactory.GetGrain<IRelationsGrain>(viewerId).GetRelations();

    // A user position is "{rank}:{handle}"; handles hold no colon.
    private static string FormatUserCursor(UserMatch match) => string.Create(CultureInfo.InvariantCulture, $"{match.Rank}:{match.Handle}");

    private static UserMatch? ParseUserCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        if (colon != 1 || cursor[0] is < '0' or > '2')
        {
            throw new ArgumentException($"'{cursor}' is not a user search position.", nameof(cursor));
        }

        return new UserMatch(cursor[0] - '0', cursor[(colon + 1)..], "", "");
    }
}
