using System.Collections.Immutable;

namespace Playbound.Runtime.Networking;

/// <summary>The header of a request frame.</summary>
/// <param name="CallId">Echoed in the response so the caller can match it.</param>
/// <param name="TimeoutMs">What is left of the caller's response timeout when it sent the call.</param>
/// <param name="Target">The grain.</param>
/// <param name="RequestType">The generated request type's wire name.</param>
/// <param name="Context">The caller's request context, if any.</param>
internal readonly record struct IncomingRequest(
    long CallId, int TimeoutMs, GrainId Target, string RequestType, ImmutableDictionary<string, string>? Context);
