namespace Playbound.Runtime.Membership;

/// <summary>A silo's status in the membership table. Only <see cref="Active"/> silos own grains.</summary>
public enum SiloStatus
{
    /// <summary>The row exists but the silo does not take grains yet.</summary>
    Joining,

    /// <summary>The silo owns grains; it is in every <see cref="MembershipSnapshot"/>.</summary>
    Active,

    /// <summary>The silo is leaving gracefully; it no longer owns grains.</summary>
    ShuttingDown,

    /// <summary>Final: left, or declared dead by another silo. A dead generation never comes back.</summary>
    Dead,
}
