using Playbound.Grains.Posts;

namespace Playbound.Grains.Tests;

public sealed class MentionTests
{
    [Theory]
    [InlineData("hi @Alice!", new[] { "alice" })]
    [InlineData("@bob, @carol_1 and @BOB again", new[] { "bob", "carol_1" })]
    [InlineData("mail me at dave@example.com", new string[0])]
    [InlineData("@ab is too short, @@eve is not a handle, x@frank neither", new string[0])]
    [InlineData("(@grace) and @heidi.", new[] { "grace", "heidi" })]
    public void Mentions_are_the_distinct_lower_cased_handles_after_an_at_sign(string text, string[] handles) =>
        Assert.Equal(handles, Mentions.Handles(text));

    [Fact]
    public void One_text_mentions_at_most_MaxPerText_users()
    {
        var text = string.Join(' ', Enumerable.Range(0, Mentions.MaxPerText + 5).Select(static i => $"@user{i:000}"));

        Assert.Equal(Mentions.MaxPerText, Mentions.Handles(text).Count);
    }
}
