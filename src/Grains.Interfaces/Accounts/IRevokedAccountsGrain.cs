namespace Playbound.Grains;

/// <summary>
/// The accounts whose access tokens stopped working before they expire (key: 0, one per cluster): the Api nodes
/// subscribe and check every request against their own copy, so revoking costs a request nothing.
/// </summary>
[Alias("playbound.IRevokedAccountsGrain")]
public interface IRevokedAccountsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Revokes <paramref name="userId"/>'s access tokens: returns once every subscribed Api node has been told (a node that
    /// does not answer in time is dropped from the subscribers and catches up when it subscribes again). Idempotent.
    /// </summary>
    [Alias("Revoke")]
    Task Revoke(string userId);

    /// <summary>Adds or renews a subscriber and returns the users revoked so far (recently enough that their tokens may still be unexpired).</summary>
    [Alias("Subscribe")]
    Task<IReadOnlyList<string>> Subscribe(IRevokedAccountsObserver observer);
}

/// <summary>An Api node's copy of the revoked accounts.</summary>
[Alias("playbound.IRevokedAccountsObserver")]
public interface IRevokedAccountsObserver : IGrainObserver
{
    /// <summary>Tokens of <paramref name="userId"/> are no longer accepted.</summary>
    [Alias("OnRevoked")]
    Task OnRevoked(string userId);
}
