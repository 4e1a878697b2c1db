using Microsoft.AspNetCore.Identity;

namespace Playbound.Api.Auth;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core Identity's PBKDF2 hasher. The Api hashes, so the grains never see
/// a password.
/// </summary>
public sealed class Passwords(IPasswordHasher<Passwords.Account> hasher)
{
    // A hash of a password nobody knows: checked when the account does not exist, so a wrong handle costs as much
    // time as a wrong password and response times do not reveal which handles are registered.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Account.Instance, Guid.NewGuid().ToString()));

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public string Hash(string password) => hasher.HashPassword(Account.Instance, password);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/>; SuccessRehashNeeded means the hash is outdated.</summary>
    public PasswordVerificationResult Verify(string hash, string password) =>
        hasher.VerifyHashedPassword(Account.Instance, hash, password);

    /// <summary>Spends the time of a real check and fails.</summary>
    public PasswordVerificationResult VerifyDecoy(string password)
    {
        hasher.VerifyHashedPassword(Account.Instance, _decoyHash.Value, password);
        return PasswordVerificationResult.Failed;
    }

    /// <summary>The hasher's user type: the hasher ignores it, the API requires one.</summary>
    public sealed class Account
    {
        internal static readonly Account Instance = new();
    }
}
