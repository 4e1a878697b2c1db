using Playbound.Grains;

namespace Playbound.Grains.Interfaces.Tests;

public class HashtagsAndWordsTests
{
    [Theory]
    [InlineData("no tags here", new string[0])]
    [InlineData("#Rust and #rust and #RUST", new[] { "rust" })]
    [InlineData("#b first, then #a, then #b", new[] { "b", "a" })]
    [InlineData("#my_tag, #ÜberCafé #日本語 #42", new[] { "my_tag", "übercafé", "日本語", "42" })]
    [InlineData("a#b c#d #ok", new[] { "ok" })]
    [InlineData("# ## #-x #ok#not", new[] { "ok" })]
    [InlineData("(#paren) \"#quoted\" #end.", new[] { "paren", "quoted", "end" })]
    public void Tags_are_hash_then_letters_digits_or_underscores_lower_cased_each_once(string text, string[] expected) =>
        Assert.Equal(expected, Hashtags.Parse(text));

    [Fact]
    public void A_tag_is_at_most_50_code_points()
    {
        Assert.Equal([new string('a', 50)], Hashtags.Parse("#" + new string('a', 50)));
        Assert.Empty(Hashtags.Parse("#" + new string('a', 51)));
        Assert.Equal([string.Concat(Enumerable.Repeat("𝒜", 50)).ToLowerInvariant()], Hashtags.Parse("#" + string.Concat(Enumerable.Repeat("𝒜", 50))));
    }

    [Theory]
    [InlineData("rust", true)]
    [InlineData("Rust_2024", true)]
    [InlineData("日本語", true)]
    [InlineData("", false)]
    [InlineData("#rust", false)]
    [InlineData("two words", false)]
    [InlineData("semi;colon", false)]
    [InlineData("\ud800", false)]
    public void IsTag_accepts_only_1_to_50_word_characters(string tag, bool expected) => Assert.Equal(expected, Hashtags.IsTag(tag));

    [Fact]
    public void IsTag_refuses_51_characters() => Assert.False(Hashtags.IsTag(new string('x', 51)));

    [Theory]
    [InlineData("Hello, #World! hello", new[] { "hello", "world" })]
    [InlineData("\"quoted\" OR NEAR(x y) rust*", new[] { "quoted", "or", "near", "x", "y", "rust" })]
    [InlineData("'; DROP TABLE posts; --", new[] { "drop", "table", "posts" })]
    [InlineData("snake_case stays_one", new[] { "snake_case", "stays_one" })]
    [InlineData("*** \" () ", new string[0])]
    [InlineData("lone \ud800 surrogate", new[] { "lone", "surrogate" })]
    public void Words_are_runs_of_letters_digits_and_underscores_lower_cased_each_once(string text, string[] expected) =>
        Assert.Equal(expected, Words.Of(text));
}
