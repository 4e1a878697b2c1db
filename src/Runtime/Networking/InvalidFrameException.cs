namespace Playbound.Runtime.Networking;

/// <summary>A peer sent bytes that are not a valid frame; the connection is closed, the silo carries on.</summary>
internal sealed class InvalidFrameException(string message) : Exception(message);
