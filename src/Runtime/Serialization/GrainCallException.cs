namespace Playbound.Runtime;

/// <summary>A grain threw an exception whose type could not be rebuilt on the caller's side.</summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallException(string originalType, string message, string? remoteStackTrace)
        : base(message)
    {
        OriginalType = originalType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The type of the exception the grain threw.</summary>
    public string OriginalType { get; }

    /// <summary>The stack trace where the grain threw.</summary>
    public string? RemoteStackTrace { get; }
}
