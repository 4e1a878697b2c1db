using Microsoft.AspNetCore.SignalR;
using Playbound.Api.Auth;

namespace Playbound.Api.Realtime;

/// <summary>A hub connection belongs to the user in its access token's subject.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    /// <inheritdoc />
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindUserId();
}
