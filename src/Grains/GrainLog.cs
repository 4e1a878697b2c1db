using Microsoft.Extensions.Logging;

namespace Playbound.Grains;

/// <summary>The social grains' log messages, source-generated with stable event ids (1xxx feeds, 2xxx users, 3xxx accounts).</summary>
internal static partial class GrainLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Post {PostId} by {AuthorId} fanned out to {Followers} followers")]
    public static partial void PostFannedOut(this ILogger logger, string postId, string authorId, int followers);

    [LoggerMessage(1001, LogLevel.Debug, "Post {PostId} by celebrity {AuthorId} is merged at read time, not fanned out")]
    public static partial void CelebrityPostNotFannedOut(this ILogger logger, string postId, string authorId);

    [LoggerMessage(2000, LogLevel.Information, "User {UserId} celebrity status is now {IsCelebrity} ({Followers} followers)")]
    public static partial void CelebrityStatusChanged(this ILogger logger, string userId, bool isCelebrity, long followers);

    [LoggerMessage(3000, LogLevel.Information, "Deletion of account {UserId} started")]
    public static partial void DeletionStarted(this ILogger logger, string userId);

    [LoggerMessage(3001, LogLevel.Information, "Deletion of account {UserId} completed after {Elapsed}")]
    public static partial void DeletionCompleted(this ILogger logger, string userId, TimeSpan elapsed);

    [LoggerMessage(3002, LogLevel.Warning, "Deletion of account {UserId}: step {Step} failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void DeletionStepFailed(this ILogger logger, Exception error, string userId, Accounts.Deletion.DeletionStep step, int failures, TimeSpan delay);
}
