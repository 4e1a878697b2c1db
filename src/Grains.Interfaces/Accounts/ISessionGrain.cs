
namespace Playbound.Grains;

/// <summary>
/// One login session (key: session id), the family of its rotating refresh tokens. Only the current token's
/// secret hash is valid; presenting an older one means the token was stolen or replayed, and revokes the session.
/// </summary>
[Alias("playbound.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session for <paramref name="userId"/> with its first refresh secret.</summary>
    [Alias("Start")]
    Task Start(string userId, string secretHash, DateTimeOffset expiresAt);

    /// <summary>Swaps the current secret for a new one; reuse of an old secret revokes the session.</summary>
    [Alias("Rotate")]
    Task<RefreshOutcome> Rotate(string presentedSecretHash, string newSecretHash, DateTimeOffset newExpiresAt);

    /// <summary>Ends the session if <paramref name="presentedSecretHash"/> is its current secret; returns whether it was.</summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string presentedSecretHash);
}

/// <summary>The result of a refresh.</summary>
/// <param name="Status">What happened.</param>
/// <param name="UserId">The session's user when <see cref="RefreshStatus.Rotated"/>.</param>
[GenerateSerializer, Alias("playbound.RefreshOutcome")]
public sealed record RefreshOutcome([property: Id(0)] RefreshStatus Status, [property: Id(1)] string? UserId);

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
