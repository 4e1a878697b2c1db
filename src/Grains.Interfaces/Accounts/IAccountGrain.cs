using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// A login account (key: the lower-cased handle): owns the handle, so two registrations of one handle can never
/// both succeed, and holds the password hash. Passwords are hashed by the Api, never seen here.
/// </summary>
[Alias("playbound.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Claims the handle, creates the user, and returns its id; null when the handle is taken.</summary>
    [Alias("Register")]
    Task<string?> Register(string displayName, string passwordHash);

    /// <summary>The account's user id and password hash, or null when the handle is not registered.</summary>
    [Alias("GetCredentials")]
    [ReadOnly]
    Task<AccountCredentials?> GetCredentials();

    /// <summary>Replaces the password hash (the Api rehashes when the hasher asks for it).</summary>
    [Alias("UpdatePasswordHash")]
    Task UpdatePasswordHash(string passwordHash);

    /// <summary>
    /// Internal (account deletion): logging in stops working at once, while the handle stays claimed until
    /// <see cref="Release"/>; idempotent. Ignored unless the handle belongs to <paramref name="userId"/>.
    /// </summary>
    [Alias("Close")]
    Task Close(string userId);

    /// <summary>Internal (account deletion's last step): the handle can be registered again. Ignored unless it belongs to <paramref name="userId"/>.</summary>
    [Alias("Release")]
    Task Release(string userId);
}

/// <summary>What login needs to know about an account.</summary>
/// <param name="UserId">The account's user.</param>
/// <param name="PasswordHash">The stored password hash.</param>
[GenerateSerializer, Alias("playbound.AccountCredentials")]
public sealed record AccountCredentials([property: Id(0)] string UserId, [property: Id(1)] string PasswordHash);
