using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Playbound.Api.Auth;
using Playbound.Api.Paging;
using Playbound.Api.Tests.Infrastructure;
using Playbound.Api.Validation;

namespace Playbound.Api.Tests;

/// <summary>Signed cursors and input rules, without a host.</summary>
public sealed class CursorAndRuleTests
{
    private readonly CursorProtector _cursors = new(new TokenKeys(
        Options.Create(new AuthOptions { SigningKey = PlayboundApiFactory.SigningKey }), new ConfigurationBuilder().Build()));

    [Fact]
    public void A_cursor_round_trips_only_for_the_list_it_was_issued_for()
    {
        var cursor = _cursors.Protect(ListKind.Followers, "42", "raw-position|7")!;

        Assert.True(_cursors.TryUnprotect(ListKind.Followers, "42", cursor, out var raw));
        Assert.Equal("raw-position|7", raw);
        Assert.False(_cursors.TryUnprotect(ListKind.Following, "42", cursor, out _));
        Assert.False(_cursors.TryUnprotect(ListKind.Followers, "43", cursor, out _));
        Assert.DoesNotContain("raw-position", cursor);
    }

    [Fact]
    public void A_tampered_or_made_up_cursor_is_refused()
    {
        var cursor = _cursors.Protect(ListKind.Feed, "1", "12345")!;
        var flipped = (cursor[^1] == 'A' ? cursor[..^1] + "B" : cursor[..^1] + "A");

        Assert.False(_cursors.TryUnprotect(ListKind.Feed, "1", flipped, out _));
        Assert.False(_cursors.TryUnprotect(ListKind.Feed, "1", "12345", out _));
        Assert.False(_cursors.TryUnprotect(ListKind.Feed, "1", "", out _));
        Assert.False(_cursors.TryUnprotect(ListKind.Feed, "1", "%%%", out _));
        Assert.False(_cursors.TryUnprotect(ListKind.Feed, "1", new string('A', 5000), out _));
        Assert.Null(_cursors.Protect(ListKind.Feed, "1", null));
    }

    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("a_1", "a_1")]
    [InlineData("ab", null)]
    [InlineData("\u212Aate", null)]
    [InlineData("al ice", null)]
    [InlineData("alice\0", null)]
    public void Handles_are_ascii_and_lower_cased(string input, string? expected)
    {
        Assert.Equal(expected, InputRules.NormalizeHandle(input));
    }

    [Theory]
    [InlineData("  hi  ", 1, 5, "hi")]
    [InlineData("😀😀😀😀😀", 1, 5, "😀😀😀😀😀")]
    [InlineData("😀😀😀😀😀😀", 1, 5, null)]
    [InlineData("line\nbreak", 1, 20, "line\nbreak")]
    [InlineData("nul\0", 1, 20, null)]
    [InlineData("   ", 1, 5, null)]
    [InlineData("   ", 0, 5, "")]
    [InlineData("\u202Eevil", 1, 10, "\u202Eevil")]
    public void Text_is_trimmed_and_counted_in_code_points(string input, int min, int max, string? expected)
    {
        var errors = new ValidationErrors();

        var text = InputRules.Text(input, "text", min, max, multiline: true, errors);

        Assert.Equal(expected, text);
        Assert.Equal(expected is null, errors.HasErrors);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_refused()
    {
        // Built here: xUnit's test-case serialization would turn a lone surrogate in InlineData into U+FFFD.
        var errors = new ValidationErrors();

        Assert.Null(InputRules.Text("lone " + '\uD800' + " high", "text", 1, 50, multiline: true, errors));
        Assert.Null(InputRules.Text("lone " + '\uDC00' + " low", "text", 1, 50, multiline: true, errors));
        Assert.NotNull(InputRules.Text("pair \uD83D\uDE00", "text", 1, 50, multiline: true, errors));
    }
}
