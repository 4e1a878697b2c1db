using System.Net;
using System.Text.Json;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>Checks that live <c>feedPost</c> pushes reach hub clients.</summary>
public static class LivePushes
{
    // A silo learns who is online from the Api nodes' presence messages, which can trail a (re)connection or a broker
    // restart, so a round posts again every few seconds until every follower has received one of the round's posts.
    private static readonly TimeSpan RoundWait = TimeSpan.FromSeconds(3);
    private const int MaxPostsPerRound = 15;

    /// <summary>
    /// Posts as <paramref name="author"/> until each of <paramref name="followers"/> has received a push of one of these
    /// posts; fails after <see cref="MaxPostsPerRound"/> posts. Posts through <paramref name="calls"/> when given.
    /// </summary>
    public static async Task PostUntilEveryoneReceivesAsync(
        ApiClient author, IReadOnlyList<FailoverHubClient> followers, ClusterProcesses cluster, string when, RetryingCalls? calls = null)
    {
        var round = new List<string>();
        for (var post = 0; post < MaxPostsPerRound; post++)
        {
            var text = $"{when} #{post}";
            var created = calls is null
                ? await author.CreatePostAsync(text)
                : JsonDocument.Parse(await calls.ExpectAsync("post", HttpStatusCode.Created, () => author.PostAsync("/api/v1/posts", new { text }))).RootElement;
            round.Add(created.GetProperty("postId").GetString()!);
            var deadline = DateTime.UtcNow + RoundWait;
            while (DateTime.UtcNow < deadline)
            {
                if (followers.All(f => round.Any(f.Received)))
                {
                    return;
                }

                await Task.Delay(100);
            }
        }

        throw cluster.Failure($"{when}: {followers.Count(f => !round.Any(f.Received))} of {followers.Count} followers received none of {round.Count} posts");
    }
}
