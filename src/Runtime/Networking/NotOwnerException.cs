namespace Playbound.Runtime.Networking;

/// <summary>
/// A silo was asked to run a call for a grain it does not own (the caller's membership view is older, or the grain
/// moved while the call waited). Never reaches application code: the router refreshes its view and retries.
/// </summary>
internal sealed class NotOwnerException(GrainId grainId) : Exception($"This silo does not own grain {grainId}.");
