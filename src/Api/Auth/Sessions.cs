using Microsoft.Extensions.Options;
using Playbound.Api.Contracts;
using Playbound.Grains;
using Orleans;

namespace Playbound.Api.Auth;

/// <summary>
/// Login sessions: starting one issues an access token and the session's first refresh token; a refresh rotates the
/// refresh token (the session grain revokes the session when an old one comes back); logout revokes it.
/// </summary>
public sealed class Sessions(IGrainFactory grains, AccessTokens accessTokens, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Starts a session for a user who just registered or logged in.</summary>
    public async Task<TokenResponse> StartAsync(string userId, string handle)
    {
        var refresh = RefreshToken.NewSession();
        await grains.GetGrain<ISessionGrain>(refresh.SessionId).Start(userId, refresh.SecretHash, SessionExpiry());
        return Tokens(userId, handle, refresh);
    }

    /// <summary>A new token pair for <paramref name="presented"/>, or null when it is not the session's current refresh token.</summary>
    public async Task<TokenResponse?> RefreshAsync(string presented)
    {
        if (!RefreshToken.TryParse(presented, out var current))
        {
            return null;
        }

        var next = current.Rotate();
        var outcome = await grains.GetGrain<ISessionGrain>(current.SessionId).Rotate(current.SecretHash, next.SecretHash, SessionExpiry());
        if (outcome is not { Status: RefreshStatus.Rotated, UserId: { } userId })
        {
            return null;
        }

        // The handle claim is read afresh rather than carried in the session, so the new token names the user as they are now.
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        return profile is null ? null : Tokens(userId, profile.Handle, next);
    }

    /// <summary>Ends the session of <paramref name="presented"/> if it is the current refresh token; anything else is ignored.</summary>
    public async Task RevokeAsync(string presented)
    {
        if (RefreshToken.TryParse(presented, out var token))
        {
            await grains.GetGrain<ISessionGrain>(token.SessionId).Revoke(token.SecretHash);
        }
    }

    private DateTimeOffset SessionExpiry() => time.GetUtcNow().AddDays(options.Value.RefreshTokenDays);

    private TokenResponse Tokens(string userId, string handle, RefreshToken refresh) =>
        new(userId, handle, accessTokens.Create(userId, handle), refresh.ToString(), accessTokens.LifetimeSeconds);
}
