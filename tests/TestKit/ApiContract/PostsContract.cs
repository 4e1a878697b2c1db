using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Posts, likes and comments (api.md, "Posts"). Abstract: each test project binds it to
/// its <see cref="IApiUnderTest"/> fixture with a sealed subclass.
/// </summary>
public abstract class PostsContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Creating_a_post_answers_201_with_the_trimmed_post()
    {
        var author = await _api.NewClient().RegisterAsync();

        var response = await author.PostAsync("/api/v1/posts", new { text = "  Hello, world!  " });

        await Expect.StatusAsync(response, HttpStatusCode.Created);
        var post = await Expect.JsonAsync(response);
        Assert.Equal(
            ["postId", "authorId", "authorHandle", "text", "replyTo", "createdAt", "likes", "comments", "likedByMe", "reposts", "repostedByMe", "tags"],
            post.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("Hello, world!", post.GetProperty("text").GetString());
        Assert.Equal(author.UserId, post.GetProperty("authorId").GetString());
        Assert.Equal(author.Handle, post.GetProperty("authorHandle").GetString());
        Assert.Equal(JsonValueKind.Null, post.GetProperty("replyTo").ValueKind);
        Assert.Equal($"/api/v1/posts/{post.GetProperty("postId").GetString()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_reply_names_its_post_and_a_reply_to_a_missing_post_is_400()
    {
        var author = await _api.NewClient().RegisterAsync();
        var original = await author.CreatePostAsync("original");

        var reply = await author.CreatePostAsync("reply", original.GetProperty("postId").GetString());

        Assert.Equal(original.GetProperty("postId").GetString(), reply.GetProperty("replyTo").GetString());
        await Expect.ProblemAsync(await author.PostAsync("/api/v1/posts", new { text = "x", replyTo = "999999999999" }), HttpStatusCode.BadRequest, "replyTo");
        await Expect.ProblemAsync(await author.PostAsync("/api/v1/posts", new { text = "x", replyTo = "../etc" }), HttpStatusCode.BadRequest, "replyTo");
    }

    [Fact]
    public async Task Post_text_is_1_to_500_code_points_after_trimming()
    {
        var author = await _api.NewClient().RegisterAsync();

        await Expect.StatusAsync(await author.PostAsync("/api/v1/posts", new { text = string.Concat(Enumerable.Repeat("👍", 500)) }), HttpStatusCode.Created);
        await Expect.StatusAsync(await author.PostAsync("/api/v1/posts", new { text = "  " + new string('a', 500) + "  " }), HttpStatusCode.Created);
        await Expect.ProblemAsync(await author.PostAsync("/api/v1/posts", new { text = new string('a', 501) }), HttpStatusCode.BadRequest, "text");
        await Expect.ProblemAsync(await author.PostAsync("/api/v1/posts", new { text = " \n\t " }), HttpStatusCode.BadRequest, "text");
        await Expect.ProblemAsync(await author.PostAsync("/api/v1/posts", new { text = (string?)null }), HttpStatusCode.BadRequest, "text");
        await Expect.ProblemAsync(await author.PostAsync("/api/v1/posts", new { }), HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task A_post_is_404_after_its_author_deletes_it_and_only_the_author_may_delete()
    {
        var author = await _api.NewClient().RegisterAsync();
        var other = await _api.NewClient().RegisterAsync();
        var postId = (await author.CreatePostAsync("mine")).GetProperty("postId").GetString();

        await Expect.ProblemAsync(await other.DeleteAsync($"/api/v1/posts/{postId}"), HttpStatusCode.Forbidden);
        await other.GetJsonAsync($"/api/v1/posts/{postId}");
        await Expect.StatusAsync(await author.DeleteAsync($"/api/v1/posts/{postId}"), HttpStatusCode.NoContent);

        await Expect.ProblemAsync(await author.GetAsync($"/api/v1/posts/{postId}"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await author.DeleteAsync($"/api/v1/posts/{postId}"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await other.GetAsync("/api/v1/posts/999999999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_like_counts_once_and_can_be_taken_back()
    {
        var author = await _api.NewClient().RegisterAsync();
        var fan = await _api.NewClient().RegisterAsync();
        var postId = (await author.CreatePostAsync("like me")).GetProperty("postId").GetString();

        await Expect.StatusAsync(await fan.PutAsync($"/api/v1/posts/{postId}/like"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await fan.PutAsync($"/api/v1/posts/{postId}/like"), HttpStatusCode.NoContent);
        var liked = await fan.GetJsonAsync($"/api/v1/posts/{postId}");
        var seenByAuthor = await author.GetJsonAsync($"/api/v1/posts/{postId}");
        await Expect.StatusAsync(await fan.DeleteAsync($"/api/v1/posts/{postId}/like"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await fan.DeleteAsync($"/api/v1/posts/{postId}/like"), HttpStatusCode.NoContent);
        var unliked = await fan.GetJsonAsync($"/api/v1/posts/{postId}");

        Assert.Equal(1, liked.GetProperty("likes").GetInt64());
        Assert.True(liked.GetProperty("likedByMe").GetBoolean());
        Assert.False(seenByAuthor.GetProperty("likedByMe").GetBoolean());
        Assert.Equal(0, unliked.GetProperty("likes").GetInt64());
        await Expect.ProblemAsync(await fan.PutAsync("/api/v1/posts/999999999999/like"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Comments_answer_201_and_list_oldest_first_in_pages()
    {
        var author = await _api.NewClient().RegisterAsync();
        var commenter = await _api.NewClient().RegisterAsync();
        var postId = (await author.CreatePostAsync("discuss")).GetProperty("postId").GetString();

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await commenter.PostAsync($"/api/v1/posts/{postId}/comments", new { text = $"  comment {i} " });
            await Expect.StatusAsync(response, HttpStatusCode.Created);
            var comment = await Expect.JsonAsync(response);
            Assert.Equal(["commentId", "postId", "authorId", "authorHandle", "text", "createdAt"], comment.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal($"comment {i}", comment.GetProperty("text").GetString());
            ids.Add(comment.GetProperty("commentId").GetString()!);
        }

        var first = await author.GetJsonAsync($"/api/v1/posts/{postId}/comments?limit=2");
        var rest = await author.GetJsonAsync($"/api/v1/posts/{postId}/comments?limit=10&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");

        Assert.Equal(ids, [.. Expect.Ids(first, "commentId"), .. Expect.Ids(rest, "commentId")]);
        Assert.Equal(5, (await author.GetJsonAsync($"/api/v1/posts/{postId}")).GetProperty("comments").GetInt64());
    }

    [Fact]
    public async Task Comments_on_a_missing_post_are_404_and_bad_text_400()
    {
        var user = await _api.NewClient().RegisterAsync();
        var postId = (await user.CreatePostAsync("p")).GetProperty("postId").GetString();

        await Expect.ProblemAsync(await user.PostAsync("/api/v1/posts/999999999999/comments", new { text = "hi" }), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await user.GetAsync("/api/v1/posts/999999999999/comments"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await user.PostAsync($"/api/v1/posts/{postId}/comments", new { text = "" }), HttpStatusCode.BadRequest, "text");
        await Expect.ProblemAsync(await user.PostAsync($"/api/v1/posts/{postId}/comments", new { text = new string('c', 501) }), HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task A_users_posts_are_listed_newest_first()
    {
        var author = await _api.NewClient().RegisterAsync();
        var reader = await _api.NewClient().RegisterAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await author.CreatePostAsync($"post {i}")).GetProperty("postId").GetString()!);
        }

        var page = await reader.GetJsonAsync($"/api/v1/users/{author.UserId}/posts");

        ids.Reverse();
        Assert.Equal(ids, Expect.Ids(page, "postId"));
        await Expect.EventuallyAsync(async () =>
            Assert.Equal(3, (await reader.GetJsonAsync($"/api/v1/users/{author.UserId}")).GetProperty("posts").GetInt64()));
    }
}
