using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Placement;

/// <summary>Decides which silo owns a grain for a given view of the cluster.</summary>
public interface IPlacementDirector
{
    /// <summary>The silo that owns <paramref name="grainId"/> in <paramref name="snapshot"/>, or null when it has no active silos.</summary>
    SiloAddress? GetOwner(GrainId grainId, MembershipSnapshot snapshot);
}
