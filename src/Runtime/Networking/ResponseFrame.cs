using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>The answer to one incoming call, written once the grain's task completed.</summary>
internal sealed class ResponseFrame<TResult>(long callId, Task<TResult> task, ServerConnection connection) : IOutgoingFrame
{
    /// <summary>Queues the frame on its connection; the continuation of the grain's task.</summary>
    public void Send() => connection.Enqueue(this);

    public void Write(FrameOutput output)
    {
        if (task.IsCompletedSuccessfully)
        {
            try
            {
                output.WriteResponse(callId, FrameProtocol.StatusOk, task.Result, typeof(TResult));
                return;
            }
            catch (GrainSerializationException ex)
            {
                output.WriteException(callId, ex);
                return;
            }
        }

        var exception = task.Exception?.InnerException ?? new TaskCanceledException(task);
        if (exception is NotOwnerException)
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
