using System.Security.Claims;
using Playbound.Api.Auth;
using Playbound.Api.Paging;
using Orleans;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>What the resource endpoints need, bound per request with <c>[AsParameters]</c>.</summary>
/// <param name="Grains">The grain factory.</param>
/// <param name="Cursors">Wraps and checks paging cursors.</param>
/// <param name="User">The authenticated caller.</param>
public sealed record GrainServices(IGrainFactory Grains, CursorProtector Cursors, ClaimsPrincipal User)
{
    /// <summary>The caller's user id.</summary>
    public string Me => User.GetUserId();

    /// <summary>Whom the caller blocks, is blocked by and mutes: one grain call, then every check of the request is in memory.</summary>
    public Task<Relations> MyRelationsAsync() => Grains.GetGrain<IRelationsGrain>(Me).GetRelations();

    /// <summary>The grain of <typeparamref name="TGrain"/> with <paramref name="key"/>.</summary>
    public TGrain Grain<TGrain>(string key) where TGrain : IGrainWithStringKey => Grains.GetGrain<TGrain>(key);
}
