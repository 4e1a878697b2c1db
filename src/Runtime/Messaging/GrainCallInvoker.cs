using Playbound.Runtime.Activation;
using Playbound.Runtime.Filters;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Messaging;

/// <summary>
/// Carries calls from proxies to activations: outgoing filters, the response timeout, metrics, and (when
/// <see cref="Hosting.MessagingOptions.SerializeLocalCalls"/> is on) a serialization round trip of request,
/// result and exception. A call that completes synchronously costs no allocation beyond its request. In cluster mode
/// (a <see cref="ClusterCallRouter"/> is registered) a call goes to the catalog only when this silo owns the grain.
/// </summary>
internal sealed class GrainCallInvoker(
    Catalog catalog, GrainRuntime runtime, IEnumerable<IOutgoingGrainCallFilter> outgoingFilters, ClusterCallRouter? router = null)
    : IGrainCallInvoker
{
    private readonly IOutgoingGrainCallFilter[] _outgoingFilters = [.. outgoingFilters];
    private readonly bool _serialize = runtime.Messaging.SerializeLocalCalls;

    public Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(target.Key) || string.IsNullOrEmpty(target.Type))
        {
            throw new ArgumentException("A grain id needs a type and a non-empty key.", nameof(target));
        }

        RuntimeInstruments.CallStarted();
        if (!_serialize && !request.Method.SerializationChecked)
        {
            EnsureSerializable(request);
        }

        return _outgoingFilters.Length == 0
            ? Send(target, request)
            : new OutgoingCallContext<TResult>(target, request, _outgoingFilters, Send).InvokeAsync();
    }

    private Task<TResult> Send<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        if (router is not null)
        {
            return SendInCluster(router, target, request);
        }

        if (_serialize)
        {
            return SendSerializedAsync(target, request);
        }

        var started = RuntimeInstruments.CallDurationEnabled ? runtime.TimeProvider.GetTimestamp() : 0;
        var task = catalog.Invoke(target, request);
        if (!task.IsCompleted)
        {
            return AwaitResponseAsync(task, target, request, started);
        }

        if (started != 0)
        {
            RuntimeInstruments.CallCompleted(runtime.TimeProvider.GetElapsedTime(started));
        }

        if (!task.IsCompletedSuccessfully)
        {
            RuntimeInstruments.CallFailed();
        }

        return task;
    }

    private async Task<TResult> AwaitResponseAsync<TResult>(Task<TResult> task, GrainId target, GrainRequest request, long started)
    {
        var timeout = runtime.Messaging.ResponseTimeout;
        try
        {
            return await task.WaitAsync(timeout, runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            runtime.Logger.CallTimedOut(request.Method.ToString(), target, timeout);
            throw GrainCallTimeout.Create(target, request, timeout);
        }
        catch
        {
            RuntimeInstruments.CallFailed();
            throw;
        }
        finally
        {
            if (started != 0)
            {
                RuntimeInstruments.CallCompleted(runtime.TimeProvider.GetElapsedTime(started));
            }
        }
    }

    // A local call that completes at once costs what it costs in embedded mode; anything else (remote, pending, or
    // answered "not owner" because the grain moved meanwhile) is finished by the router.
    private Task<TResult> SendInCluster<TResult>(ClusterCallRouter router, GrainId target, GrainRequest<TResult> request)
    {
        if (!router.IsLocal(target))
        {
            return router.InvokeAsync(target, request, localAttempt: null);
        }

        var task = catalog.Invoke(target, request);
        return task.IsCompletedSuccessfully ? task : router.InvokeAsync(target, request, task);
    }

    // Sends the call as a remote call would travel: the grain sees a deserialized copy of the request, the
    // caller a deserialized copy of the result or exception.
    private async Task<TResult> SendSerializedAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        var serializer = runtime.Serializer;
        var requestType = request.GetType();
        var copy = (GrainRequest<TResult>)serializer.Deserialize(serializer.Serialize(request, requestType), requestType)!;
        TResult result;
        try
        {
            result = await AwaitResponseAsync(catalog.Invoke(target, copy), target, copy, 0).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            throw ExceptionCodec.Decode(serializer.Copy(ExceptionCodec.Encode(ex)));
        }

        return serializer.Copy(result);
    }

    // Local calls pass references, so a request that could never cross a process boundary would only fail once
    // the grain moves to another silo. Prove each method's request serializes once, at its first call.
    private void EnsureSerializable(GrainRequest request)
    {
        runtime.Serializer.Serialize(request, request.GetType());
        request.Method.SerializationChecked = true;
    }
}
