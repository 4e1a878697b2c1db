namespace Playbound.LoadGen;

/// <summary>One follow to create: indexes into the seeded users.</summary>
public readonly record struct PlannedFollow(int Follower, int Followee);

/// <summary>
/// A power-law follow graph: every user follows a heavy-tailed number of others (5 to 200), chosen with probability
/// falling off with popularity rank; the <c>popular</c> most popular users also get <c>popularFollowers</c> each.
/// </summary>
public static class FollowGraphPlan
{
    private const double Exponent = 1.1;

    public static PlannedFollow[] Create(int users, int popular, int popularFollowers, Random random)
    {
        var cumulative = new double[users];
        var total = 0.0;
        for (var rank = 0; rank < users; rank++)
        {
            total += 1 / Math.Pow(rank + 1, Exponent);
            cumulative[rank] = total;
        }

        var follows = new HashSet<PlannedFollow>();
        for (var follower = 0; follower < users; follower++)
        {
            var count = Math.Min(200, 5 + (int)(10 / Math.Pow(random.NextDouble() + 1e-9, 0.7)) - 10);
            for (var i = 0; i < Math.Max(5, count); i++)
            {
                var followee = Array.BinarySearch(cumulative, random.NextDouble() * total) is var at && at < 0 ? ~at : at;
                if (followee != follower && followee < users)
                {
                    follows.Add(new PlannedFollow(follower, followee));
                }
            }
        }

        for (var author = 0; author < popular && author < users; author++)
        {
            foreach (var follower in Enumerable.Range(0, users).Where(f => f != author).OrderBy(_ => random.Next()).Take(popularFollowers))
            {
                follows.Add(new PlannedFollow(follower, author));
            }
        }

        return [.. follows];
    }
}
