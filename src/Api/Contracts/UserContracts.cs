using Playbound.Grains;

namespace Playbound.Api.Contracts;

/// <summary>The body of <c>PATCH /api/v1/users/me</c>; an absent or null field is left unchanged.</summary>
/// <param name="DisplayName">1-50 characters after trimming.</param>
/// <param name="Bio">0-160 characters after trimming.</param>
public sealed record UpdateProfileRequest(string? DisplayName, string? Bio);

/// <summary>The body of <c>DELETE /api/v1/users/me</c>.</summary>
/// <param name="Password">The account's password, asked again so a stolen access token alone cannot delete the account.</param>
public sealed record DeleteAccountRequest(string? Password);

/// <summary>A user's profile as the caller sees it.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Handle">The handle.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Bio">The bio, possibly empty.</param>
/// <param name="Followers">How many follow the user.</param>
/// <param name="Following">How many the user follows.</param>
/// <param name="Posts">How many posts the user has.</param>
/// <param name="CreatedAt">When the user registered.</param>
/// <param name="FollowedByMe">Whether the caller follows the user.</param>
/// <param name="BlockedByMe">Whether the caller blocks the user.</param>
/// <param name="MutedByMe">Whether the caller mutes the user.</param>
public sealed record ProfileResponse(
    string UserId, string Handle, string DisplayName, string Bio, long Followers, long Following, long Posts,
    DateTimeOffset CreatedAt, bool FollowedByMe, bool BlockedByMe, bool MutedByMe)
{
    /// <summary>The caller's own profile.</summary>
    public static ProfileResponse Own(UserProfile profile) => From(profile, followedByMe: false, Relations.None);

    /// <summary>The response for <paramref name="profile"/> as a caller with <paramref name="relations"/> sees it.</summary>
    public static ProfileResponse From(UserProfile profile, bool followedByMe, Relations relations) => new(
        profile.UserId, profile.Handle, profile.DisplayName, profile.Bio, profile.Followers, profile.Following, profile.Posts,
        profile.CreatedAt, followedByMe, relations.Blocking.Contains(profile.UserId), relations.Muting.Contains(profile.UserId));
}
