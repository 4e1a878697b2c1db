using System.Buffers;
using System.Collections.Immutable;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>A call sent to another silo: the request frame to write, and the completion its response settles.</summary>
internal interface IPendingCall
{
    /// <summary>Settles the call from a response frame's status and body.</summary>
    void Complete(byte status, ReadOnlySequence<byte> body, GrainSerializer serializer);

    /// <summary>Fails the call (connection lost, request not serializable).</summary>
    void Fail(Exception exception);
}

/// <summary>
/// One outgoing call. It is its own completion source, so a remote call allocates one object besides its request.
/// Continuations run asynchronously: a caller's continuation must never run on (and stall) the connection's read loop.
/// </summary>
internal sealed class PendingCall<TResult>(long callId, int timeoutMs, GrainId target, GrainRequest<TResult> request)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IPendingCall, IOutgoingFrame
{
    // Captured on the caller's thread: the write loop runs in no particular async flow.
    private readonly ImmutableDictionary<string, string>? _context = RequestContext.Capture().Values;

    public long CallId { get; } = callId;

    public void Write(FrameOutput output) => output.WriteRequest(CallId, timeoutMs, target, request, _context);

    public void Complete(byte status, ReadOnlySequence<byte> body, GrainSerializer serializer)
    {
        try
        {
            switch (status)
            {
                case FrameProtocol.StatusOk:
                    TrySetResult(serializer.Deserialize<TResult>(body));
                    break;
                case FrameProtocol.StatusException:
                    TrySetException(ExceptionCodec.Decode(serializer.Deserialize<ExceptionInfo>(body)));
                    break;
                default:
                    TrySetException(new NotOwnerException(target));
                    break;
            }
        }
        catch (GrainSerializationException ex)
        {
            TrySetException(ex);
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);
}
