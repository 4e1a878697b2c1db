using System.Collections.Concurrent;
using Playbound.Grains;

namespace Playbound.Api.Auth;

/// <summary>
/// This Api node's copy of the revoked accounts (deleted users), checked on every authenticated request in memory;
/// <see cref="RevokedAccountsSubscription"/> keeps it filled from <see cref="IRevokedAccountsGrain"/>.
/// </summary>
public sealed class RevokedAccounts : IRevokedAccountsObserver
{
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="userId"/>'s tokens are no longer accepted.</summary>
    public bool IsRevoked(string userId) => _revoked.ContainsKey(userId);

    /// <inheritdoc />
    public Task OnRevoked(string userId)
    {
        _revoked[userId] = true;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Subscribes this node's <see cref="RevokedAccounts"/> to <see cref="IRevokedAccountsGrain"/>, which tells it of each
/// revocation before the deleting request is answered, and renews the subscription every <see cref="RenewEvery"/>,
/// taking the whole list each time, so a node that missed a revocation (it was starting, or cut off) catches up.
/// </summary>
public sealed partial class RevokedAccountsSubscription(RevokedAccounts revoked, IGrainFactory grains, ILogger<RevokedAccountsSubscription> logger)
    : BackgroundService
{
    /// <summary>How often the subscription is renewed; well inside the grain's subscription lifetime.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    /// <summary>How soon a failed subscription is tried again.</summary>
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<IRevokedAccountsObserver>(revoked);
        var registry = grains.GetGrain<IRevokedAccountsGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = RenewEvery;
            try
            {
                foreach (var userId in await registry.Subscribe(self).WaitAsync(stoppingToken))
                {
                    await revoked.OnRevoked(userId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSubscribeFailed(ex);
                wait = RetryEvery;
            }

            await Task.Delay(wait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to revoked accounts; retrying")]
    private partial void LogSubscribeFailed(Exception error);
}
