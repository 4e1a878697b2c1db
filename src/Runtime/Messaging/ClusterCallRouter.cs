using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Networking;
using Playbound.Runtime.Placement;

namespace Playbound.Runtime.Messaging;

/// <summary>
/// Carries calls in cluster mode: to the local catalog when this silo owns the grain, otherwise over the owner's
/// connection. The response timeout covers the whole call, retries included. Two failures are retried:
/// <list type="bullet">
/// <item>"not owner" (views disagree during a membership change): wait up to
/// <see cref="ClusterTransportOptions.ViewRefreshWait"/> for a newer snapshot, then route again, at most
/// <see cref="ClusterTransportOptions.MaxRerouteAttempts"/> times;</item>
/// <item>an unreachable silo: wait for membership to change (it drops a dead silo), then route again; with no change
/// before the timeout the caller gets <see cref="SiloUnavailableException"/> naming the grain and the silo.</item>
/// </list>
/// </summary>
internal sealed class ClusterCallRouter(
    Catalog catalog, GrainLocator locator, ConnectionManager connections, MembershipWaiter waiter,
    IClusterMembership membership, GrainRuntime runtime, IOptions<ClusterTransportOptions> options, ILogger<ClusterCallRouter> logger)
{
    private readonly ClusterTransportOptions _options = options.Value;

    /// <summary>Whether this silo owns <paramref name="target"/> in the current snapshot.</summary>
    public bool IsLocal(GrainId target) => locator.IsLocal(locator.OwnerOf(target, membership.Current));

    /// <summary>Runs a call to completion; <paramref name="localAttempt"/> is a call the invoker already started locally.</summary>
    public async Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request, Task<TResult>? localAttempt)
    {
        var timeout = runtime.Messaging.ResponseTimeout;
        var started = runtime.TimeProvider.GetTimestamp();
        var reroutes = 0;
        try
        {
            while (true)
            {
                var snapshot = membership.Current;
                var remaining = timeout - runtime.TimeProvider.GetElapsedTime(started);
                try
                {
                    var attempt = localAttempt;
                    localAttempt = null;
                    return await AttemptAsync(target, request, snapshot, remaining, attempt).ConfigureAwait(false);
                }
                catch (NotOwnerException) when (reroutes++ < _options.MaxRerouteAttempts)
                {
                    NetworkingLog.CallRetried(logger, target, "not owner");
                    await waiter.WaitForNewerAsync(snapshot.Version, Min(remaining, _options.ViewRefreshWait)).ConfigureAwait(false);
                }
                catch (NotOwnerException)
                {
                    throw new GrainRoutingException(
                        $"The call {request.Method} to grain {target} reached a silo that does not own it {reroutes} times; membership views disagree.");
                }
                catch (SiloUnavailableException ex)
                {
                    NetworkingLog.CallRetried(logger, target, ex.Message);
                    var left = timeout - runtime.TimeProvider.GetElapsedTime(started);
                    if (!await waiter.WaitForNewerAsync(snapshot.Version, left).ConfigureAwait(false))
                    {
                        throw new SiloUnavailableException(ex.Silo,
                            $"The call {request.Method} to grain {target} failed: {ex.Message} Membership did not change within the response timeout of {timeout}.", ex);
                    }
                }
            }
        }
        catch
        {
            RuntimeInstruments.CallFailed();
            throw;
        }
    }

    private async Task<TResult> AttemptAsync<TResult>(
        GrainId target, GrainRequest<TResult> request, MembershipSnapshot snapshot, TimeSpan remaining, Task<TResult>? local)
    {
        if (remaining <= TimeSpan.Zero)
        {
            throw Timeout(target, request);
        }

        if (local is null)
        {
            var owner = locator.OwnerOf(target, snapshot)
                ?? throw new SiloUnavailableException(null, "The cluster has no active silo.");
            if (!locator.IsLocal(owner))
            {
                return await SendAsync(owner, target, request, remaining).ConfigureAwait(false);
            }

            local = catalog.Invoke(target, request);
        }

        try
        {
            return await local.WaitAsync(remaining, runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!local.IsCompleted)
        {
            throw Timeout(target, request);
        }
    }

    private async Task<TResult> SendAsync<TResult>(SiloAddress owner, GrainId target, GrainRequest<TResult> request, TimeSpan remaining)
    {
        var connection = await connections.GetAsync(owner, remaining).ConfigureAwait(false);
        var call = connection.Send(target, request, remaining);
        try
        {
            return await call.Task.WaitAsync(remaining, runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!call.Task.IsCompleted)
        {
            connection.Forget(call.CallId);
            throw Timeout(target, request);
        }
    }

    private TimeoutException Timeout(GrainId target, GrainRequest request)
    {
        var timeout = runtime.Messaging.ResponseTimeout;
        runtime.Logger.CallTimedOut(request.Method.ToString(), target, timeout);
        return GrainCallTimeout.Create(target, request, timeout);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
