using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>A connection accepted by this silo: requests come in, responses go out.</summary>
internal sealed class ServerConnection(
    Socket socket, IncomingCallDispatcher dispatcher, GrainSerializer serializer, int maxFrameSize,
    Action<ServerConnection> onClosed, ILogger logger)
    : FrameConnection(socket, serializer, maxFrameSize, logger)
{
    // Requests are dispatched on the read loop, in arrival order, so calls one caller sends to one grain reach its
    // mailbox in the order they were sent (turn order holds across the wire).
    protected override void OnFrame(byte kind, ReadOnlySequence<byte> payload)
    {
        if (kind != FrameProtocol.RequestKind)
        {
            throw new InvalidFrameException($"A peer sent frame kind {kind} on a silo connection.");
        }

        var reader = new SequenceReader<byte>(payload);
        var request = new IncomingRequest(
            CallId: FrameProtocol.ReadInt64(ref reader),
            TimeoutMs: FrameProtocol.ReadInt32(ref reader),
            Target: new GrainId(FrameProtocol.ReadString(ref reader), FrameProtocol.ReadString(ref reader)),
            RequestType: FrameProtocol.ReadString(ref reader),
            Context: FrameProtocol.ReadContext(ref reader));
        if (string.IsNullOrEmpty(request.Target.Type) || string.IsNullOrEmpty(request.Target.Key))
        {
            throw new InvalidFrameException("A request names no grain.");
        }

        dispatcher.Dispatch(this, request, reader.UnreadSequence);
    }

    protected override void OnClosed(Exception reason) => onClosed(this);
}
