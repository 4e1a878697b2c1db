using OpenQA.Selenium;
using Playbound.EndToEnd.Tests.Infrastructure;

namespace Playbound.EndToEnd.Tests;

/// <summary>Two people in two browsers use the page in wwwroot against the running Api and see each other live.</summary>
[Collection(ApiCollection.Name)]
public sealed class LiveFeedInTheBrowserTests(ApiProcess api)
{
    [Fact]
    public void A_post_appears_on_top_of_a_followers_feed_and_a_like_updates_the_authors_count_without_a_reload()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var author = $"author_{suffix}";
        using var authorPage = new Browser(api.BaseAddress);
        using var followerPage = new Browser(api.BaseAddress);
        try
        {
            authorPage.Register(author);
            followerPage.Register($"follower_{suffix}");
            followerPage.Type("follow-handle", author);
            followerPage.ById("follow-submit").Click();
            followerPage.Until("the follow to succeed", p => p.ById("follow-status").Text == $"Following @{author}");

            var text = $"Live from the browser <b>{suffix}</b>";
            authorPage.Type("compose-text", text);
            authorPage.ById("compose-submit").Click();

            var pushed = followerPage.Until("the post to appear on top of the follower's feed", p =>
                p.All("#feed > li").FirstOrDefault() is { } top && top.FindElement(By.ClassName("post-text")).Text == text ? top : null);
            Assert.Equal($"@{author}", pushed.FindElement(By.ClassName("post-author")).Text);
            var postId = pushed.GetAttribute("data-post-id");

            pushed.FindElement(By.ClassName("like-button")).Click();
            authorPage.Until("the like count to update live on the author's page", p =>
                p.All($"#feed > li[data-post-id='{postId}'] .like-count").Single().Text == "1 like");
            // The follow and the like each notified the author.
            authorPage.Until("the notification badge to count the follow and the like", p => p.ById("notification-badge").Text == "2");
        }
        finally
        {
            authorPage.Screenshot(Path.Combine(Paths.Screenshots, "live-feed-author.png"));
            followerPage.Screenshot(Path.Combine(Paths.Screenshots, "live-feed-follower.png"));
        }
    }
}
