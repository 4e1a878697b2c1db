using Playbound.Runtime;

namespace Playbound.Grains;

/// <summary>
/// One login session (key: session id), the family of its rotating refresh tokens. Only the current token's
/// secret hash is valid; presenting an older one means the token was stolen or replayed, and revokes the session.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session for <paramref name="userId"/> with its first refresh secret.</summary>
    Task Start(string userId, string secretHash, DateTimeOffset expiresAt);

    /// <summary>Swaps the current secret for a new one; reuse of an old secret revokes the session.</summary>
    Task<RefreshOutcome> Rotate(string presentedSecretHash, string newSecretHash, DateTimeOffset newExpiresAt);

    /// <summary>Ends the session if <paramref name="presentedSecretHash"/> is its current secret; returns whether it was.</summary>
    Task<bool> Revoke(string presentedSecretHash);
}

/// <summary>The result of a refresh.</summary>
/// <param name="Status">What happened.</param>
/// <param name="UserId">The session's user when <see cref="RefreshStatus.Rotated"/>.</param>
public sealed record RefreshOutcome(RefreshStatus Status, string? UserId);

/// <summary>What a refresh did.</summary>
public enum RefreshStatus
{
    /// <summary>The secret was current; the new one replaces it.</summary>
    Rotated,

    /// <summary>No such session, it expired, or it was revoked.</summary>
    Invalid,

    /// <summary>An old secret was presented: the session is now revoked.</summary>
    Reused,
}
