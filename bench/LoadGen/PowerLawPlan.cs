namespace Playbound.LoadGen;

/// <summary>The shape of a power-law data set; see <see cref="PowerLawPlan"/>.</summary>
public sealed record PowerLawShape(int MedianFollows, int TopFollowers, double ActivityExponent)
{
    /// <summary>Spread of the log-normal number of follows: with a median of 150 the mean is ~210 and 1 in 20 users follows 550+.</summary>
    public const double FollowsSigma = 0.8;
}

/// <summary>
/// A directed Chung–Lu graph with heavy-tailed degrees on both sides, and power-law posting. Each user wants a
/// log-normal number of follows (median <see cref="PowerLawShape.MedianFollows"/>); popularity is Zipf: the user of
/// rank r (a random permutation) is expected to get <see cref="PowerLawShape.TopFollowers"/>·(r+1)^-a followers, with
/// a solved so that expected follows in and out add up to the same total. Follower u follows author v with
/// probability min(1, out(u)·in(v) / total), every pair decided independently, so both degree distributions come out
/// as asked except where that probability saturates at 1 (the top authors' realised counts fall somewhat short of the
/// asked-for weight). Pairs are visited with geometric skips over the authors in popularity order (Miller and
/// Hagberg, 2011): O(users + follows), not O(users²). Posts go to authors by Zipf activity (exponent
/// <see cref="PowerLawShape.ActivityExponent"/>) over another permutation, so the busiest posters are not the most
/// followed ones and the fan-out volume stays near posts × mean followers.
/// </summary>
public static class PowerLawPlan
{
    public static SeedPlan Create(int users, int posts, PowerLawShape shape, Random random)
    {
        var wantedFollows = new double[users];
        for (var u = 0; u < users; u++)
        {
            wantedFollows[u] = Math.Clamp(shape.MedianFollows * Math.Exp(PowerLawShape.FollowsSigma * Gaussian(random)), 1, users - 1);
        }

        var total = wantedFollows.Sum();
        var byPopularity = Permutation(users, random);
        var top = Math.Min(shape.TopFollowers, users - 1);
        var exponent = SolveZipfExponent(users, top, total);
        var wantedFollowers = Enumerable.Range(0, users).Select(rank => top * Math.Pow(rank + 1, -exponent)).ToArray();

        var follows = new List<PlannedFollow>((int)total);
        for (var follower = 0; follower < users; follower++)
        {
            var scale = wantedFollows[follower] / total;
            var rank = 0;
            var p = Math.Min(1, scale * wantedFollowers[0]);
            while (rank < users && p > 0)
            {
                // Jump over the authors a probability-p coin would have skipped, then correct for the (smaller) real one.
                var skip = p < 1 ? Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - p)) : 0;
                if (rank + skip >= users)
                {
                    break;
                }

                rank += (int)skip;

                var q = Math.Min(1, scale * wantedFollowers[rank]);
                if (random.NextDouble() < q / p && byPopularity[rank] != follower)
                {
                    follows.Add(new PlannedFollow(follower, byPopularity[rank]));
                }

                p = q;
                rank++;
            }
        }

        return new SeedPlan([.. follows], ZipfDraws(posts, Permutation(users, random), shape.ActivityExponent, random));
    }

    /// <summary>The exponent a with top·Σ(r+1)^-a = total; the sum falls as a grows, so bisection finds it.</summary>
    private static double SolveZipfExponent(int users, double top, double total)
    {
        var (low, high) = (0.0, 4.0);
        for (var i = 0; i < 50; i++)
        {
            var mid = (low + high) / 2;
            var sum = 0.0;
            for (var rank = 0; rank < users; rank++)
            {
                sum += top * Math.Pow(rank + 1, -mid);
            }

            (low, high) = sum > total ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }

    private static int[] ZipfDraws(int count, int[] byRank, double exponent, Random random)
    {
        var cumulative = new double[byRank.Length];
        var sum = 0.0;
        for (var rank = 0; rank < byRank.Length; rank++)
        {
            cumulative[rank] = sum += Math.Pow(rank + 1, -exponent);
        }

        return [.. Enumerable.Range(0, count).Select(_ =>
            byRank[Math.Min(byRank.Length - 1, Array.BinarySearch(cumulative, random.NextDouble() * sum) is var at && at < 0 ? ~at : at)])];
    }

    private static int[] Permutation(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }

    // Box–Muller: System.Random has no normal distribution.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
