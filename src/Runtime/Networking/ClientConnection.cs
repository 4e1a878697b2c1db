using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>
/// The one connection from this process to a silo: requests go out in call order, responses come back in any order
/// and are matched by call id. When it closes, every unanswered call fails with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed class ClientConnection(
    SiloAddress silo, Socket socket, GrainSerializer serializer, int maxFrameSize, Action<ClientConnection> onClosed, ILogger logger)
    : FrameConnection(socket, serializer, maxFrameSize, logger)
{
    private readonly ConcurrentDictionary<long, IPendingCall> _pending = new();
    private long _nextCallId;

    public SiloAddress Silo { get; } = silo;

    /// <summary>Sends a call; the returned call completes with the response.</summary>
    public PendingCall<TResult> Send<TResult>(GrainId target, GrainRequest<TResult> request, TimeSpan timeout)
    {
        var call = new PendingCall<TResult>(
            Interlocked.Increment(ref _nextCallId), (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds)), target, request);
        _pending[call.CallId] = call;

        // Closing drains the pending table once; a call added after that must fail here or it would wait forever.
        if (!Enqueue(call) || IsClosed)
        {
            FailPending(call.CallId, Unavailable(null));
        }

        return call;
    }

    /// <summary>Forgets a call whose caller gave up; a late response is then ignored.</summary>
    public void Forget(long callId) => _pending.TryRemove(callId, out _);

    protected override void OnFrame(byte kind, ReadOnlySequence<byte> payload)
    {
        if (kind != FrameProtocol.ResponseKind)
        {
            throw new InvalidFrameException($"A silo sent frame kind {kind} on a client connection.");
        }

        var reader = new SequenceReader<byte>(payload);
        var callId = FrameProtocol.ReadInt64(ref reader);
        var status = FrameProtocol.ReadByte(ref reader);
        if (status > FrameProtocol.StatusNotOwner)
        {
            throw new InvalidFrameException($"Unknown response status {status}.");
        }

        if (_pending.TryRemove(callId, out var call))
        {
            call.Complete(status, reader.UnreadSequence, Serializer);
        }
    }

    protected override void OnClosed(Exception reason)
    {
        NetworkingLog.ConnectionClosed(Logger, Silo.ToString(), reason.Message);
        var error = Unavailable(reason);
        foreach (var callId in _pending.Keys)
        {
            FailPending(callId, error);
        }

        onClosed(this);
    }

    private void FailPending(long callId, Exception error)
    {
        if (_pending.TryRemove(callId, out var call))
        {
            call.Fail(error);
        }
    }

    private SiloUnavailableException Unavailable(Exception? reason) =>
        new(Silo, $"The connection to silo {Silo} closed{(reason is null ? "" : $": {reason.Message}")}.", reason);
}
