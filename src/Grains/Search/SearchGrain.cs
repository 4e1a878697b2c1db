using System.Globalization;
using Orleans.Concurrency;
using Playbound.Grains.Ids;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Search;

/// <summary>
/// Answers tag pages and search on any silo (<see cref="ISearchIndex"/> for the ids, the silo's
/// <see cref="PostHydrator"/> for the posts). Post lists page by post id; a post deleted after the index was read
/// hydrates to nothing and the page is filled from the rows after it. User lists page by (rank, handle).
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
    public async Task<Page<UserSummary>> FindUsers(string query, int limit, string? cursor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var prefix = query.Trim().ToLowerInvariant();
        var matches = await index.FindUsersAsync(prefix, limit + 1, ParseUserCursor(cursor), CancellationToken.None);
        var page = matches.Take(limit).Select(static m => new UserSummary(m.UserId, m.Handle, m.DisplayName)).ToArray();
        return new Page<UserSummary>(page, matches.Count > limit ? FormatUserCursor(matches[limit - 1]) : null);
    }

    private async Task<Page<PostView>> PostPageAsync(
        int limit, string? cursor, string viewerId, Func<int, string?, Task<IReadOnlyList<string>>> read)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        SnowflakeId.ParseCursor(cursor);
        var items = new List<PostView>(limit);
        var before = cursor;
        while (true)
        {
            var need = limit - items.Count;
            var ids = await read(need + 1, before);
            var batch = ids.Take(need).ToArray();
            var views = await posts.HydrateAsync(batch, viewerId);
            items.AddRange(views.OfType<PostView>());
            if (ids.Count <= need)
            {
                return new Page<PostView>(items, null);
            }

            before = batch[^1];
            if (items.Count == limit)
            {
                return new Page<PostView>(items, before);
            }
        }
    }

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
