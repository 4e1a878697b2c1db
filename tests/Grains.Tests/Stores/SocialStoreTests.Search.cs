using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains.Search;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Sql;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task A_tag_lists_its_posts_newest_first_in_pages_and_a_deleted_post_leaves_it()
    {
        var author = await NewUserAsync();
        var tagged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tagged.Add(await NewPostAsync(author, $"post {i} #Rust #async"));
            await NewPostAsync(author, $"untagged rust {i}");
        }

        var first = await Db.Search.GetTaggedAsync("rust", 3, null, default);
        var second = await Db.Search.GetTaggedAsync("rust", 3, first[^1], default);
        Assert.Equal([tagged[4], tagged[3], tagged[2]], first);
        Assert.Equal([tagged[1], tagged[0]], second);
        Assert.Empty(await Db.Search.GetTaggedAsync("Rust", 3, null, default));

        await Db.Posts.RemoveAsync(tagged[3], default);
        Assert.Equal([tagged[4], tagged[2], tagged[1], tagged[0]], await Db.Search.GetTaggedAsync("async", 10, null, default));
    }

    [Fact]
    public async Task Post_search_finds_posts_holding_every_word_newest_first_and_forgets_deleted_posts()
    {
        var author = await NewUserAsync();
        var both = await NewPostAsync(author, "Learning #Rust with async/await");
        var onlyRust = await NewPostAsync(author, "rust is fun");
        var prefixOnly = await NewPostAsync(author, "rusty async");
        var newest = await NewPostAsync(author, "ASYNC RUST, newest");

        Assert.Equal([newest, both], await Db.Search.FindPostsAsync(["rust", "async"], 10, null, default));
        Assert.Equal([newest, onlyRust, both], await Db.Search.FindPostsAsync(["rust"], 10, null, default));
        Assert.Equal([both], await Db.Search.FindPostsAsync(["rust", "async"], 10, newest, default));
        Assert.Equal([prefixOnly], await Db.Search.FindPostsAsync(["rusty"], 10, null, default));

        await Db.Posts.RemoveAsync(both, default);
        Assert.Equal([newest], await Db.Search.FindPostsAsync(["rust", "async"], 10, null, default));
    }

    [Fact]
    public async Task Post_search_matches_words_as_literals_whatever_they_spell()
    {
        var author = await NewUserAsync();
        var post = await NewPostAsync(author, "near or and not drop table select snake_case 日本語");
        await NewPostAsync(author, "snake case");

        foreach (var word in new[] { "near", "or", "and", "not", "drop", "select", "snake_case", "日本語" })
        {
            Assert.Equal([post], await Db.Search.FindPostsAsync([word], 10, null, default));
        }

        Assert.Empty(await Db.Search.FindPostsAsync([], 10, null, default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Search.FindPostsAsync(["\"x\" OR y"], 10, null, default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Search.FindPostsAsync(["Upper"], 10, null, default));
    }

    [Fact]
    public async Task User_search_ranks_an_equal_handle_then_handles_then_display_names_and_pages()
    {
        var ids = new List<string>();
        foreach (var (handle, name) in new[]
                 {
                     ("annabel", "Zed"), ("ann", "Somebody"), ("bob", "Ann Smith"), ("carl", "Marie-Ann Annette"),
                     ("anna", "Zoe"), ("dora", "Nobody"),
                 })
        {
            var id = NewId();
            ids.Add(id);
            await Db.Users.UpsertAsync(new UserRecord(id, handle, name, "", Epoch), default);
        }

        var all = await Db.Search.FindUsersAsync("ann", 10, null, default);
        Assert.Equal(["ann", "anna", "annabel", "bob", "carl"], all.Select(m => m.Handle));
        Assert.Equal([0, 1, 1, 2, 2], all.Select(m => m.Rank));
        Assert.Equal(("Ann Smith", ids[2]), (all[3].DisplayName, all[3].UserId));

        var first = await Db.Search.FindUsersAsync("ann", 2, null, default);
        var rest = await Db.Search.FindUsersAsync("ann", 10, first[^1], default);
        Assert.Equal(all.Select(m => m.Handle), first.Concat(rest).Select(m => m.Handle));

        Assert.Equal(["bob"], (await Db.Search.FindUsersAsync("ann s", 10, null, default)).Select(m => m.Handle));
        Assert.Equal(["carl"], (await Db.Search.FindUsersAsync("annet", 10, null, default)).Select(m => m.Handle));
        Assert.Empty(await Db.Search.FindUsersAsync("ann%", 10, null, default));
        Assert.Empty(await Db.Search.FindUsersAsync("_", 10, null, default));
    }

    [Fact]
    public async Task Renaming_a_user_moves_them_in_user_search()
    {
        var id = NewId();
        await Db.Users.UpsertAsync(new UserRecord(id, "zara", "Old Name", "", Epoch), default);
        await Db.Users.UpsertAsync(new UserRecord(id, "zara", "Ünïcode Näme", "", Epoch), default);

        Assert.Empty(await Db.Search.FindUsersAsync("old", 10, null, default));
        Assert.Equal([id], (await Db.Search.FindUsersAsync("näm", 10, null, default)).Select(m => m.UserId));
        Assert.Equal([id], (await Db.Search.FindUsersAsync("ü", 10, null, default)).Select(m => m.UserId));
    }

    [Fact]
    public async Task Posts_written_before_search_are_indexed_once_by_the_backfill()
    {
        var author = await NewUserAsync();
        var old = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            old.Add(await NewPostAsync(author, $"old post {i} #Vintage"));
        }

        var indexed = await NewPostAsync(author, "new post #vintage");
        foreach (var post in old)
        {
            await ForgetSearchRowsAsync(post);
        }

        Assert.Equal([indexed], await Db.Search.GetTaggedAsync("vintage", 10, null, default));

        var first = await Db.Search.IndexUnsearchedAsync(null, 3, default);
        var second = await Db.Search.IndexUnsearchedAsync(first?.LastPostId, 3, default);
        Assert.Equal((old[2], 3), first);
        Assert.Equal((old[4], 2), second);
        Assert.Null(await Db.Search.IndexUnsearchedAsync(second?.LastPostId, 3, default));
        Assert.Null(await Db.Search.IndexUnsearchedAsync(null, 3, default));

        Assert.Equal([indexed, .. Enumerable.Reverse(old)], await Db.Search.GetTaggedAsync("vintage", 10, null, default));
        Assert.Equal([old[2]], await Db.Search.FindPostsAsync(["post", "2"], 10, null, default));

        // What a start does: the hosted service indexes whatever is left.
        await ForgetSearchRowsAsync(old[0]);
        await ForgetSearchRowsAsync(old[3]);
        var service = Db.Provider.GetServices<IHostedService>().OfType<SearchBackfillService>().Single();
        await service.StartAsync(default);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([indexed, .. Enumerable.Reverse(old)], await Db.Search.GetTaggedAsync("vintage", 10, null, default));
    }

    /// <summary>Removes a post's search rows, leaving it as a post written before search existed.</summary>
    private async Task ForgetSearchRowsAsync(string postId)
    {
        var database = Db.Provider.GetRequiredService<SocialDatabase>();
        var id = long.Parse(postId, CultureInfo.InvariantCulture);
        await database.ExecuteAsync(database.Search.Delete, statement => statement.Int64("@post", id), default);
        await database.ExecuteAsync("DELETE FROM post_tags WHERE post_id = @post", statement => statement.Int64("@post", id), default);
    }
}
