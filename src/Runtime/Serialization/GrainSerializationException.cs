namespace Playbound.Runtime.Serialization;

/// <summary>A call argument, result, grain state or stream event could not be serialized or deserialized.</summary>
public sealed class GrainSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainSerializationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
