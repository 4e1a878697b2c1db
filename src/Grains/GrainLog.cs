using Microsoft.Extensions.Logging;

namespace Playbound.Grains;

/// <summary>The social grains' log messages, source-generated with stable event ids (1xxx feeds, 2xxx users).</summary>
internal static partial class GrainLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Post {PostId} by {AuthorId} fanned out to {Followers} followers")]
    public static partial void PostFannedOut(this ILogger logger, string postId, string authorId, int followers);

    [LoggerMessage(1001, LogLevel.Debug, "Post {PostId} by celebrity {AuthorId} is merged at read time, not fanned out")]
    public static partial void CelebrityPostNotFannedOut(this ILogger logger, string postId, string authorId);

    [LoggerMessage(2000, LogLevel.Information, "User {UserId} celebrity status is now {IsCelebrity} ({Followers} followers)")]
    public static partial void CelebrityStatusChanged(this ILogger logger, string userId, bool isCelebrity, long followers);
}
