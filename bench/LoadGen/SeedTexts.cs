using Bogus;

namespace Playbound.LoadGen;

/// <summary>
/// Post texts for the seed: a Lorem sentence of 4-24 words, and in three posts of ten one or two hashtags from
/// <c>#tag0</c>..<c>#tag499</c>, drawn Zipf-like (tag k with weight 1/(k+1)), so a few tags are on thousands of posts
/// and most on a handful, as on a real network. Tag pages and post search are benchmarked on these.
/// </summary>
internal sealed class SeedTexts(Faker faker)
{
    /// <summary>How many distinct tags the seed uses.</summary>
    public const int TagCount = 500;

    private static readonly double[] Cumulative = CumulativeWeights();

    /// <summary>A new post text.</summary>
    public string Next()
    {
        var text = faker.Lorem.Sentence(Random.Shared.Next(4, 24));
        if (Random.Shared.NextDouble() >= 0.3)
        {
            return text;
        }

        var tags = Enumerable.Range(0, Random.Shared.Next(1, 3)).Select(static _ => $"#tag{Tag()}");
        return $"{text} {string.Join(' ', tags)}";
    }

    private static int Tag()
    {
        var index = Array.BinarySearch(Cumulative, Random.Shared.NextDouble() * Cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, TagCount - 1);
    }

    private static double[] CumulativeWeights()
    {
        var cumulative = new double[TagCount];
        var sum = 0.0;
        for (var k = 0; k < TagCount; k++)
        {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }

        return cumulative;
    }
}
