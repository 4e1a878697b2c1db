using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;

namespace Playbound.Grains.Accounts;

/// <summary>The persisted refresh-token family behind <see cref="ISessionGrain"/>.</summary>
[GenerateSerializer, Alias("playbound.SessionState")]
public sealed record SessionState
{
    /// <summary>The session's user.</summary>
    [Id(0)] public string UserId { get; init; } = "";

    /// <summary>The hash of the only secret that refreshes.</summary>
    [Id(1)] public string CurrentSecretHash { get; init; } = "";

    /// <summary>Hashes of secrets already rotated away, newest last, at most <see cref="SessionGrain.MaxPreviousSecrets"/>.</summary>
    [Id(2)] public List<string> PreviousSecretHashes { get; init; } = [];

    /// <summary>When the current secret stops working.</summary>
    [Id(3)] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Whether the session was ended (logout or detected reuse).</summary>
    [Id(4)] public bool Revoked { get; init; }
}

/// <summary>One login session (key: session id): rotates refresh secrets and revokes the session when an old one is replayed.</summary>
public sealed class SessionGrain([PersistentState("session")] IPersistentState<SessionState> session, TimeProvider time)
    : Grain, ISessionGrain
{
    /// <summary>How many rotated-away secrets are remembered to detect reuse.</summary>
    public const int MaxPreviousSecrets = 20;

    private SessionState State => session.State;

    /// <inheritdoc />
    public async Task Start(string userId, string secretHash, DateTimeOffset expiresAt)
    {
        if (session.RecordExists)
        {
            // A retried Start is harmless; anything else would hijack someone's session.
            if (State.UserId == userId && Same(State.CurrentSecretHash, secretHash))
            {
                return;
            }

            throw new InvalidOperationException($"Session '{this.GetPrimaryKeyString()}' was already started.");
        }

        session.State = new SessionState { UserId = userId, CurrentSecretHash = secretHash, ExpiresAt = expiresAt };
        await session.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<RefreshOutcome> Rotate(string presentedSecretHash, string newSecretHash, DateTimeOffset newExpiresAt)
    {
        if (!IsLive())
        {
            return new RefreshOutcome(RefreshStatus.Invalid, null);
        }

        if (IsRetriedRotation(presentedSecretHash, newSecretHash))
        {
            return new RefreshOutcome(RefreshStatus.Rotated, State.UserId);
        }

        if (Same(State.CurrentSecretHash, presentedSecretHash))
        {
            session.State = State with
            {
                CurrentSecretHash = newSecretHash,
                PreviousSecretHashes = [.. State.PreviousSecretHashes.TakeLast(MaxPreviousSecrets - 1), State.CurrentSecretHash],
                ExpiresAt = newExpiresAt,
            };
            await session.WriteStateAsync();
            return new RefreshOutcome(RefreshStatus.Rotated, State.UserId);
        }

        if (State.PreviousSecretHashes.Any(previous => Same(previous, presentedSecretHash)))
        {
            await RevokeAsync();
            return new RefreshOutcome(RefreshStatus.Reused, null);
        }

        return new RefreshOutcome(RefreshStatus.Invalid, null);
    }

    /// <inheritdoc />
    public async Task<bool> Revoke(string presentedSecretHash)
    {
        if (!IsLive() || !Same(State.CurrentSecretHash, presentedSecretHash))
        {
            return false;
        }

        await RevokeAsync();
        return true;
    }

    private bool IsLive() => session.RecordExists && !State.Revoked && time.GetUtcNow() < State.ExpiresAt;

    /// <summary>The same rotation again (its answer was lost): the presented secret was just replaced by the new one.</summary>
    private bool IsRetriedRotation(string presentedSecretHash, string newSecretHash) =>
        State.PreviousSecretHashes.Count > 0 &&
        Same(State.PreviousSecretHashes[^1], presentedSecretHash) &&
        Same(State.CurrentSecretHash, newSecretHash);

    private Task RevokeAsync()
    {
        session.State = State with { Revoked = true };
        return session.WriteStateAsync();
    }

    /// <summary>Compares hashes in constant time, so response timing reveals nothing about the stored secret.</summary>
    private static bool Same(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(presented));
}
