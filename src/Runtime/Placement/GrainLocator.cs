using Playbound.Runtime.Activation;
using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Placement;

/// <summary>
/// Where a grain lives in cluster mode: stateless workers on the calling silo (they hold no state, so a remote hop
/// would buy nothing), every other grain on the silo the placement director picks for the current snapshot.
/// </summary>
internal sealed class GrainLocator(IClusterMembership membership, IPlacementDirector placement, GrainTypeManager grainTypes)
{
    /// <summary>The silo that serves <paramref name="grainId"/> in <paramref name="snapshot"/>, or null when there is none.</summary>
    public SiloAddress? OwnerOf(GrainId grainId, MembershipSnapshot snapshot)
    {
        if (membership.LocalSilo is { } local && grainTypes.TryGetGrainClass(grainId.Type, out var grainClass) && grainClass.IsStatelessWorker)
        {
            return local;
        }

        return placement.GetOwner(grainId, snapshot);
    }

    /// <summary>Whether <paramref name="owner"/> is this silo (never true in a gateway).</summary>
    public bool IsLocal(SiloAddress? owner) => owner is not null && owner == membership.LocalSilo;

    /// <summary>Whether this silo serves <paramref name="grainId"/> in the latest snapshot.</summary>
    public bool OwnsLocally(GrainId grainId) => IsLocal(OwnerOf(grainId, membership.Current));
}
