namespace Playbound.Runtime.Membership;

/// <summary>
/// One silo process: where its grain-call endpoint listens, and the generation (its start time in Unix
/// milliseconds) that tells a restarted silo on the same endpoint from the one that died there.
/// </summary>
/// <param name="Host">The host name or IP address other silos and Api nodes connect to.</param>
/// <param name="Port">The grain-call port.</param>
/// <param name="Generation">Unique per start of a silo on this endpoint; later starts have larger values.</param>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}@{Generation}";
}
