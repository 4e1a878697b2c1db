namespace Playbound.Runtime.Networking;

/// <summary>A frame waiting for a connection's write loop.</summary>
internal interface IOutgoingFrame
{
    /// <summary>Writes the frame; throws <see cref="Serialization.GrainSerializationException"/> when its body cannot be serialized.</summary>
    void Write(FrameOutput output);

    /// <summary>The frame will never be written (it did not serialize, or the connection closed).</summary>
    void Fail(Exception exception);
}
