using Playbound.Grains.Ids;
using Orleans.Runtime;

namespace Playbound.Grains.Accounts;

/// <summary>The persisted account behind <see cref="IAccountGrain"/>.</summary>
[GenerateSerializer, Alias("playbound.AccountState")]
public sealed record AccountState
{
    /// <summary>The user the handle belongs to.</summary>
    [Id(0)] public string UserId { get; init; } = "";

    /// <summary>The password hash the Api computed.</summary>
    [Id(1)] public string PasswordHash { get; init; } = "";

    /// <summary>When the handle was claimed.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Whether the user was created. False only when registration failed between claiming the handle and creating the
    /// user: nobody was told the registration succeeded, so the next registration of the handle completes it.
    /// </summary>
    [Id(3)] public bool Completed { get; init; }

    /// <summary>Whether the account is being deleted: nobody logs in, and the handle is released once the deletion is done.</summary>
    [Id(4)] public bool Closed { get; init; }
}

/// <summary>Owns a handle (key: the lower-cased handle), so two registrations of it can never both succeed.</summary>
public sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> account, IIdGenerator ids, TimeProvider time)
    : Grain, IAccountGrain
{
    /// <inheritdoc />
    public async Task<string?> Register(string displayName, string passwordHash)
    {
        if (account.State.Completed || account.State.Closed)
        {
            return null;
        }

        var userId = account.State.UserId is { Length: > 0 } unfinished ? unfinished : ids.NewId();
        account.State = new AccountState { UserId = userId, PasswordHash = passwordHash, CreatedAt = time.GetUtcNow() };
        await account.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).Create(this.GetPrimaryKeyString(), displayName);
        account.State = account.State with { Completed = true };
        await account.WriteStateAsync();
        return userId;
    }

    /// <inheritdoc />
    public Task<AccountCredentials?> GetCredentials() => Task.FromResult(
        account.State is { Completed: true, Closed: false } ? new AccountCredentials(account.State.UserId, account.State.PasswordHash) : null);

    /// <inheritdoc />
    public async Task UpdatePasswordHash(string passwordHash)
    {
        if (!account.State.Completed)
        {
            throw new InvalidOperationException($"Account '{this.GetPrimaryKeyString()}' is not registered.");
        }

        account.State = account.State with { PasswordHash = passwordHash };
        await account.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task Close(string userId)
    {
        if (account.State.UserId == userId && !account.State.Closed)
        {
            account.State = account.State with { Closed = true };
            await account.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task Release(string userId)
    {
        if (account.RecordExists && account.State.UserId == userId)
        {
            await account.ClearStateAsync();
        }
    }
}
