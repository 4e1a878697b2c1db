using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Hashtags, tag pages, post and user search (api.md, "Hashtags and search"). Abstract: each test project binds it
/// to its <see cref="IApiUnderTest"/> fixture. Every test searches for words of its own, so tests never see each
/// other's posts.
/// </summary>
public abstract class SearchContract(IApiUnderTest api)
{
    // Each query of SQL or full-text syntax, and whether the test's post holds all of its words (quotes, stars and
    // parentheses are no words; "or", "near", "drop" are words like any other).
    private static readonly (string Query, bool Matches)[] SyntaxQueries =
    [
        ("\"", true), ("*", true), ("OR", true), ("NEAR(", true), ("(\"", true), ("'; DROP TABLE posts; --", false),
        ("a AND NOT b", false), ("x:y", false), ("%_\\", false), ("drop* OR (table)", true),
    ];

    private readonly IApiUnderTest _api = api;
    private readonly string _word = "w" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_post_carries_its_tags_lower_cased_each_once_in_order_of_first_appearance()
    {
        var author = await _api.NewClient().RegisterAsync();

        var post = await author.CreatePostAsync($"#{_word}B then #{_word}a, #{_word}b again, a#{_word}c is none");

        Assert.Equal([$"{_word}b", $"{_word}a"], post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var read = await author.GetJsonAsync($"/api/v1/posts/{post.GetProperty("postId").GetString()}");
        Assert.Equal(post.GetProperty("tags").ToString(), read.GetProperty("tags").ToString());
    }

    [Fact]
    public async Task A_tag_page_lists_the_tagged_posts_newest_first_in_any_case_and_drops_deleted_ones()
    {
        var author = await _api.NewClient().RegisterAsync();
        var reader = await _api.NewClient().RegisterAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await author.CreatePostAsync($"number {i} #{_word.ToUpperInvariant()}")).GetProperty("postId").GetString()!);
        }

        await author.CreatePostAsync($"{_word} without the hash");
        await Expect.StatusAsync(await author.DeleteAsync($"/api/v1/posts/{ids[1]}"), HttpStatusCode.NoContent);

        var first = await reader.GetJsonAsync($"/api/v1/tags/{_word}/posts?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var newer = await author.CreatePostAsync($"arrived while paging #{_word}");
        var second = await reader.GetJsonAsync($"/api/v1/tags/{_word.ToUpperInvariant()}/posts?limit=2&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal([ids[4], ids[3]], Expect.Ids(first, "postId"));
        Assert.Equal([ids[2], ids[0]], Expect.Ids(second, "postId"));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(newer.GetProperty("postId").GetString(), Expect.Ids(await reader.GetJsonAsync($"/api/v1/tags/{_word}/posts?limit=1"), "postId")[0]);
    }

    [Fact]
    public async Task A_tag_that_is_not_1_to_50_word_characters_and_a_foreign_cursor_are_400()
    {
        var client = await _api.NewClient().RegisterAsync();
        await client.CreatePostAsync($"#{_word} #{_word}x");
        await client.CreatePostAsync($"#{_word} again");
        var page = await client.GetJsonAsync($"/api/v1/tags/{_word}/posts?limit=1");

        foreach (var tag in new[] { "%23rust", "a-b", "semi%3Bcolon", new string('a', 51), "%20", "%E2%80%8B" })
        {
            await Expect.ProblemAsync(await client.GetAsync($"/api/v1/tags/{tag}/posts"), HttpStatusCode.BadRequest, "tag");
        }

        await Expect.StatusAsync(await client.GetAsync($"/api/v1/tags/{new string('a', 50)}/posts"), HttpStatusCode.OK);
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);
        await Expect.ProblemAsync(await client.GetAsync($"/api/v1/tags/{_word}x/posts?cursor={cursor}"), HttpStatusCode.BadRequest, "cursor");
        await Expect.ProblemAsync(await client.GetAsync($"/api/v1/tags/{_word}/posts?limit=0"), HttpStatusCode.BadRequest, "limit");
        await Expect.ProblemAsync(await client.GetAsync($"/api/v1/tags/{_word}/posts?limit=abc"), HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task Post_search_finds_posts_holding_every_word_whole_and_case_insensitive_newest_first()
    {
        var author = await _api.NewClient().RegisterAsync();
        var both = await author.CreatePostAsync($"Trying #{_word} with ROCKETS");
        await author.CreatePostAsync($"{_word} alone");
        await author.CreatePostAsync($"{_word}s rockets (a longer word is another word)");
        var newest = await author.CreatePostAsync($"rockets, {_word.ToUpperInvariant()}!");
        var deleted = await author.CreatePostAsync($"{_word} rockets, deleted");
        await Expect.StatusAsync(await author.DeleteAsync($"/api/v1/posts/{deleted.GetProperty("postId").GetString()}"), HttpStatusCode.NoContent);

        var found = await author.GetJsonAsync($"/api/v1/search/posts?q={Uri.EscapeDataString($"  rockets #{_word.ToUpperInvariant()} ")}");

        Assert.Equal([newest.GetProperty("postId").GetString()!, both.GetProperty("postId").GetString()!], Expect.Ids(found, "postId"));
        var paged = await author.GetJsonAsync($"/api/v1/search/posts?q={_word}+rockets&limit=1");
        var rest = await author.GetJsonAsync(
            $"/api/v1/search/posts?q=ROCKETS+{_word}&limit=5&cursor={Uri.EscapeDataString(paged.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal(Expect.Ids(found, "postId"), Expect.Ids(paged, "postId").Concat(Expect.Ids(rest, "postId")));
    }

    [Fact]
    public async Task A_query_of_sql_or_full_text_syntax_is_searched_as_text_and_never_errors()
    {
        var author = await _api.NewClient().RegisterAsync();
        var post = await author.CreatePostAsync($"{_word} \"near\" or (drop) table * end");

        foreach (var (syntax, matches) in SyntaxQueries)
        {
            await Expect.StatusAsync(await author.GetAsync($"/api/v1/search/posts?q={Uri.EscapeDataString(syntax)}"), HttpStatusCode.OK);
            await Expect.StatusAsync(await author.GetAsync($"/api/v1/search/users?q={Uri.EscapeDataString(syntax)}"), HttpStatusCode.OK);
            var found = await author.GetJsonAsync($"/api/v1/search/posts?q={Uri.EscapeDataString($"{_word} {syntax}")}");
            Assert.True(Expect.Ids(found, "postId").Count == (matches ? 1 : 0), syntax);
        }

        var near = await author.GetJsonAsync($"/api/v1/search/posts?q={Uri.EscapeDataString($"NEAR({_word} OR drop*")}");
        Assert.Equal([post.GetProperty("postId").GetString()!], Expect.Ids(near, "postId"));
    }

    [Fact]
    public async Task A_search_query_out_of_range_or_with_control_characters_is_400()
    {
        var client = await _api.NewClient().RegisterAsync();

        foreach (var path in new[]
                 {
                     "/api/v1/search/posts", "/api/v1/search/posts?q=", "/api/v1/search/posts?q=%20%20",
                     $"/api/v1/search/posts?q={new string('a', 101)}", "/api/v1/search/posts?q=a%00b", "/api/v1/search/posts?q=a%0Ab",
                     "/api/v1/search/users", "/api/v1/search/users?q=%09", $"/api/v1/search/users?q={new string('a', 51)}",
                 })
        {
            await Expect.ProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "q");
        }

        await Expect.StatusAsync(await client.GetAsync($"/api/v1/search/posts?q={new string('a', 100)}"), HttpStatusCode.OK);
        await Expect.StatusAsync(await client.GetAsync($"/api/v1/search/users?q={new string('a', 50)}"), HttpStatusCode.OK);
        await Expect.ProblemAsync(await client.GetAsync("/api/v1/search/posts?q=x&limit=101"), HttpStatusCode.BadRequest, "limit");
        await Expect.ProblemAsync(await client.GetAsync("/api/v1/search/users?q=x&cursor=forged"), HttpStatusCode.BadRequest, "cursor");
        await Expect.ProblemAsync(await _api.NewClient().GetAsync("/api/v1/search/posts?q=x"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task User_search_puts_the_equal_handle_first_then_handles_then_display_names_and_pages()
    {
        var prefix = _word[..10];
        var exact = await _api.NewClient().RegisterAsync(prefix, "Somebody Else");
        var longer = await _api.NewClient().RegisterAsync(prefix + "_b", "Zed");
        var byName = await _api.NewClient().RegisterAsync(displayName: $"Ann {prefix.ToUpperInvariant()}son");
        await _api.NewClient().RegisterAsync(displayName: $"{prefix}x".Insert(1, " "));

        var found = await exact.GetJsonAsync($"/api/v1/search/users?q={prefix.ToUpperInvariant()}");

        Assert.Equal([exact.UserId, longer.UserId, byName.UserId], Expect.Ids(found, "userId"));
        Assert.Equal(["userId", "handle", "displayName"], found.GetProperty("items")[0].EnumerateObject().Select(p => p.Name));
        var first = await exact.GetJsonAsync($"/api/v1/search/users?q={prefix}&limit=2");
        var rest = await exact.GetJsonAsync(
            $"/api/v1/search/users?q={prefix}&limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal(Expect.Ids(found, "userId"), Expect.Ids(first, "userId").Concat(Expect.Ids(rest, "userId")));
        Assert.Equal([byName.UserId], Expect.Ids(await exact.GetJsonAsync($"/api/v1/search/users?q=ann+{prefix}"), "userId"));
    }
}
