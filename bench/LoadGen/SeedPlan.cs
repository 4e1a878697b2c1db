namespace Playbound.LoadGen;

/// <summary>What to seed: the follows to create and the author of each post, as indexes into the seeded users.</summary>
public sealed record SeedPlan(PlannedFollow[] Follows, int[] PostAuthors)
{
    /// <summary>How many followers the plan gives each user.</summary>
    public int[] FollowerCounts(int users)
    {
        var followers = new int[users];
        foreach (var follow in Follows)
        {
            followers[follow.Followee]++;
        }

        return followers;
    }

    /// <summary>The plan's shape in one line: degrees, the most followed, and the feed rows their posts make.</summary>
    public string Describe(int users)
    {
        var followers = FollowerCounts(users);
        var following = new int[users];
        foreach (var follow in Follows)
        {
            following[follow.Follower]++;
        }

        var feedRows = PostAuthors.Sum(author => 1L + followers[author]);
        var postsPerAuthor = PostAuthors.CountBy(static a => a).Select(static p => p.Value).DefaultIfEmpty().Max();
        Array.Sort(following);
        Array.Sort(followers);
        return $"plan: {Follows.Length:N0} follows; follows per user median {following[users / 2]:N0}, p99 {following[users * 99 / 100]:N0}; " +
            $"followers median {followers[users / 2]:N0}, top 5 {string.Join(", ", followers[^5..].Reverse())}; " +
            $"{PostAuthors.Length:N0} posts, at most {postsPerAuthor:N0} by one author; ~{feedRows:N0} feed rows to write";
    }
}
