using OpenQA.Selenium;
using Playbound.EndToEnd.Tests.Infrastructure;

namespace Playbound.EndToEnd.Tests;

/// <summary>The client's pages besides the home feed, each driven in a real browser against the running Api.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebClientPagesTests(ApiProcess api)
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Search_finds_posts_and_people_and_a_tag_in_a_post_opens_its_page()
    {
        using var author = new Browser(api.BaseAddress);
        using var reader = new Browser(api.BaseAddress);
        try
        {
            author.Register($"author_{_suffix}");
            reader.Register($"reader_{_suffix}");
            author.Type("compose-text", $"Searching for w{_suffix} in #Tag{_suffix} land");
            author.ById("compose-submit").Click();
            author.Until("the post to be on the author's feed", p => p.All("#feed > li").Count == 1);

            reader.Type("search-q", $"w{_suffix}");
            reader.ById("search-submit").Click();
            reader.Until("the search page", p => p.All($"body[data-view-ready='#/search/w{_suffix}']").Count == 1);
            var found = reader.Until("the post among the results", p => p.All("#view-list > li").SingleOrDefault());
            Assert.Contains($"w{_suffix}", found.FindElement(By.ClassName("post-text")).Text);

            found.FindElement(By.ClassName("tag")).Click();
            reader.Until("the tag page", p => p.All($"body[data-view-ready='#/tag/tag{_suffix}']").Count == 1);
            Assert.Equal($"#tag{_suffix}", reader.ById("view-head").FindElement(By.TagName("h2")).Text);
            Assert.Single(reader.All("#view-list > li"));

            reader.Type("search-q", $"author_{_suffix}");
            reader.ById("search-submit").Click();
            var person = reader.Until("the author among the people found", p => p.All("[data-testid='people'] a").SingleOrDefault());
            Assert.Equal($"@author_{_suffix}", person.Text);
        }
        finally
        {
            reader.Screenshot(Path.Combine(Paths.Screenshots, "search-and-tags.png"));
        }
    }

    [Fact]
    public void A_profile_page_follows_mutes_and_blocks_and_a_block_ends_the_follow()
    {
        using var author = new Browser(api.BaseAddress);
        using var reader = new Browser(api.BaseAddress);
        var handle = $"profiled_{_suffix}";
        try
        {
            author.Register(handle);
            reader.Register($"visitor_{_suffix}");
            reader.Open($"#/user/{handle}");

            Click(reader, "follow-button", "Unfollow", handle);
            Assert.StartsWith($"@{handle} · 1 followers", reader.ById("view-head").FindElement(By.CssSelector("[data-testid='profile-counts']")).Text);
            Click(reader, "mute-button", "Unmute", handle);
            Click(reader, "block-button", "Unblock", handle);
            Assert.Equal("Follow", reader.ById("view-head").FindElement(By.CssSelector("[data-testid='follow-button']")).Text);
            Assert.StartsWith($"@{handle} · 0 followers", reader.ById("view-head").FindElement(By.CssSelector("[data-testid='profile-counts']")).Text);
        }
        finally
        {
            reader.Screenshot(Path.Combine(Paths.Screenshots, "profile.png"));
        }
    }

    [Fact]
    public void A_comment_written_under_a_post_reaches_the_authors_notifications_page()
    {
        using var author = new Browser(api.BaseAddress);
        using var reader = new Browser(api.BaseAddress);
        var handle = $"commented_{_suffix}";
        try
        {
            author.Register(handle);
            reader.Register($"commenter_{_suffix}");
            author.Type("compose-text", "Tell me what you think");
            author.ById("compose-submit").Click();
            reader.Open($"#/user/{handle}");
            var post = reader.Until("the author's post on the profile", p => p.All("#view-list > li").SingleOrDefault());

            post.FindElement(By.CssSelector("[data-testid='comments-button']")).Click();
            reader.Until("the comments to open", p => p.All("#view-list [data-testid='comment-text']").SingleOrDefault()).SendKeys("Looks good to me");
            reader.All("#view-list [data-testid='comment-submit']").Single().Click();
            reader.Until("the comment under the post", p => p.All("#view-list [data-testid='comment']").SingleOrDefault(c => c.Text.Contains("Looks good to me")));
            reader.Until("the post's comment count to follow", p => p.All("#view-list .comment-count").Single().Text == "1 comment");

            author.Until("the comment notification on the badge", p => p.ById("notification-badge").Text == "1");
            author.Open("#/notifications");
            var notification = author.All("#view-list > li").Single();
            Assert.Equal("comment", notification.GetAttribute("data-type"));
            Assert.Contains($"@commenter_{_suffix} commented on your post", notification.Text);
            author.Until("the badge to be cleared", p => p.ById("notification-badge").Text == "0");
        }
        finally
        {
            author.Screenshot(Path.Combine(Paths.Screenshots, "notifications.png"));
            reader.Screenshot(Path.Combine(Paths.Screenshots, "comments.png"));
        }
    }

    [Fact]
    public void The_home_page_suggests_whom_the_people_you_follow_follow_and_a_suggestion_opens_their_profile()
    {
        using var reader = new Browser(api.BaseAddress);
        using var friend = new Browser(api.BaseAddress);
        using var suggested = new Browser(api.BaseAddress);
        var (friendHandle, suggestedHandle) = ($"friend_{_suffix}", $"suggested_{_suffix}");
        try
        {
            suggested.Register(suggestedHandle);
            friend.Register(friendHandle);
            friend.Type("follow-handle", suggestedHandle);
            friend.ById("follow-submit").Click();
            friend.Until("the friend's follow", p => p.ById("follow-status").Text == $"Following @{suggestedHandle}");
            reader.Register($"newcomer_{_suffix}");
            Assert.True(reader.ById("suggestions").GetAttribute("hidden") is not null, "nothing to suggest before following anyone");

            reader.Type("follow-handle", friendHandle);
            reader.ById("follow-submit").Click();
            var suggestion = reader.Until("the suggestion", p => p.All("[data-testid='suggestion'] a").SingleOrDefault());
            Assert.Equal($"@{suggestedHandle}", suggestion.Text);

            suggestion.Click();
            reader.Until("the suggested user's profile", p => p.All($"body[data-view-ready='#/user/{suggestedHandle}']").Count == 1);
            Assert.StartsWith($"@{suggestedHandle} · 1 followers", reader.ById("view-head").FindElement(By.CssSelector("[data-testid='profile-counts']")).Text);
        }
        finally
        {
            reader.Screenshot(Path.Combine(Paths.Screenshots, "suggestions.png"));
        }
    }

    [Fact]
    public void A_repost_from_a_profile_page_reaches_the_reposters_followers_live_with_who_reposted_it()
    {
        using var author = new Browser(api.BaseAddress);
        using var reposter = new Browser(api.BaseAddress);
        using var reader = new Browser(api.BaseAddress);
        var (authorHandle, reposterHandle) = ($"original_{_suffix}", $"sharer_{_suffix}");
        try
        {
            author.Register(authorHandle);
            author.Type("compose-text", $"Worth sharing {_suffix}");
            author.ById("compose-submit").Click();
            author.Until("the post on the author's feed", p => p.All("#feed > li").Count == 1);
            reposter.Register(reposterHandle);
            reader.Register($"follower_{_suffix}");
            reader.Type("follow-handle", reposterHandle);
            reader.ById("follow-submit").Click();
            reader.Until("the follow", p => p.ById("follow-status").Text == $"Following @{reposterHandle}");

            reposter.Open($"#/user/{authorHandle}");
            reposter.ById("view-list").FindElement(By.CssSelector("[data-testid='repost-button']")).Click();
            reposter.Until("the repost to count", p => p.All("#view-list [data-testid='repost-count']").SingleOrDefault() is { Text: "1 repost" });
            Assert.Equal("true", reposter.ById("view-list").FindElement(By.CssSelector("[data-testid='repost-button']")).GetAttribute("aria-pressed"));

            var item = reader.Until("the repost in the reader's feed", p => p.All("#feed > li").SingleOrDefault());
            Assert.Contains($"Worth sharing {_suffix}", item.FindElement(By.ClassName("post-text")).Text);
            Assert.Equal($"↻ reposted by @{reposterHandle}", item.FindElement(By.CssSelector("[data-testid='reposted-by']")).Text);
        }
        finally
        {
            reader.Screenshot(Path.Combine(Paths.Screenshots, "repost.png"));
        }
    }

    [Fact]
    public void Deleting_ones_account_from_the_profile_page_needs_the_password_and_ends_the_session_and_the_profile()
    {
        using var leaver = new Browser(api.BaseAddress);
        using var visitor = new Browser(api.BaseAddress);
        var handle = $"leaving_{_suffix}";
        try
        {
            leaver.Register(handle);
            visitor.Register($"stayer_{_suffix}");
            leaver.Open($"#/user/{handle}");

            leaver.Type("delete-password", "wrong horse battery");
            leaver.ById("view-head").FindElement(By.CssSelector("[data-testid='delete-submit']")).Click();
            leaver.Until("the wrong password to be refused", p => p.All("[data-testid='delete-error']").SingleOrDefault() is { Text: "The password is wrong." });

            leaver.Type("delete-password", "correct horse battery");
            leaver.ById("view-head").FindElement(By.CssSelector("[data-testid='delete-submit']")).Click();
            leaver.Until("the login form again", p => p.ById("auth-status").Text == "Your account is being deleted." && p.ById("auth").Displayed);
            Assert.False(leaver.ById("session").Displayed, "the signed-out page shows no session bar");

            visitor.Open($"#/user/{handle}");
            Assert.Equal("No such user.", visitor.ById("view-error").Text);
        }
        finally
        {
            leaver.Screenshot(Path.Combine(Paths.Screenshots, "account-deleted.png"));
        }
    }

    /// <summary>Clicks a profile's toggle and waits for the re-rendered profile to offer the opposite.</summary>
    private static void Click(Browser page, string testId, string afterwards, string handle)
    {
        page.ById("view-head").FindElement(By.CssSelector($"[data-testid='{testId}']")).Click();
        page.Until($"{testId} to offer {afterwards}", p =>
            p.All($"#view-head [data-testid='{testId}']").SingleOrDefault() is { Text: var text } && text == afterwards
            && p.All($"body[data-view-ready='#/user/{handle}']").Count == 1);
    }
}
