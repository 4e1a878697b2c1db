using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Utilities;

namespace Playbound.Grains.Accounts;

/// <summary>The persisted state behind <see cref="IRevokedAccountsGrain"/>.</summary>
[GenerateSerializer, Alias("playbound.RevokedAccountsState")]
public sealed record RevokedAccountsState
{
    /// <summary>Revoked users and when; kept for <see cref="RevokedAccountsGrain.Retention"/>.</summary>
    [Id(0)] public ImmutableDictionary<string, DateTimeOffset> Revoked { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;
}

/// <summary>
/// Keeps the revoked accounts and tells the subscribed Api nodes (key: 0). An access token lives at most a day
/// (<c>Playbound:Auth:AccessTokenMinutes</c> is at most 1440), so a revocation older than that can be forgotten.
/// </summary>
public sealed class RevokedAccountsGrain(
    [PersistentState("revoked")] IPersistentState<RevokedAccountsState> revoked, TimeProvider time, ILogger<RevokedAccountsGrain> logger)
    : Grain, IRevokedAccountsGrain
{
    /// <summary>How long a revocation is kept: longer than any access token lives.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5);

    /// <summary>How long a subscriber is kept without renewing; Api nodes renew well within it.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>How long a revocation waits for a subscriber's answer.</summary>
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(5);

    private ObserverManager<IRevokedAccountsObserver>? _subscribers;

    private ObserverManager<IRevokedAccountsObserver> Subscribers => _subscribers ??= new(SubscriptionLifetime, logger);

    /// <inheritdoc />
    public async Task Revoke(string userId)
    {
        var now = time.GetUtcNow();
        if (!revoked.State.Revoked.ContainsKey(userId))
        {
            var kept = revoked.State.Revoked.Where(r => now - r.Value < Retention);
            revoked.State = new RevokedAccountsState { Revoked = ImmutableDictionary.CreateRange(kept).SetItem(userId, now) };
            await revoked.WriteStateAsync();
        }

        Subscribers.ClearExpired();
        await Task.WhenAll(Subscribers.Observers.Select(subscriber => TellAsync(subscriber.Value, userId)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Subscribe(IRevokedAccountsObserver observer)
    {
        Subscribers.Subscribe(observer, observer);
        var since = time.GetUtcNow() - Retention;
        return Task.FromResult<IReadOnlyList<string>>([.. revoked.State.Revoked.Where(r => r.Value > since).Select(static r => r.Key)]);
    }

    private async Task TellAsync(IRevokedAccountsObserver subscriber, string userId)
    {
        try
        {
            await subscriber.OnRevoked(userId).WaitAsync(NotifyTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // A node that cannot be reached is gone or cut off; it reads the whole list when it subscribes again.
            Subscribers.Unsubscribe(subscriber);
        }
    }
}
