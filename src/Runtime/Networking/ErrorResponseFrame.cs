namespace Playbound.Runtime.Networking;

/// <summary>An answer decided before any grain ran: "not owner", or a request that could not be decoded.</summary>
internal sealed class ErrorResponseFrame(long callId, Exception? exception) : IOutgoingFrame
{
    public void Write(FrameOutput output)
    {
        if (exception is null)
        {
            output.WriteResponse(callId, FrameProtocol.StatusNotOwner, null, null);
        }
        else
        {
            output.WriteException(callId, exception);
        }
    }

    // Only a closed connection drops a response, and the caller's side fails the call when it sees the close.
    public void Fail(Exception exception)
    {
    }
}
