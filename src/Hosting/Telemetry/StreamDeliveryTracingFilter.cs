using System.Diagnostics;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Hosting.Telemetry;

/// <summary>
/// Continues a publisher's trace across the stream hop. Orleans' activity propagation keeps the trace context
/// (<c>traceparent</c>, <c>tracestate</c>) in the <see cref="RequestContext"/>, and our stream providers store the
/// publisher's request context in each batch (<see cref="IBatchContainer.ImportRequestContext"/>); but the pulling
/// agent delivers a batch through a call of its own, whose outgoing filter starts a new trace when Orleans' runtime
/// source is listened to (and none at all otherwise), so the consumer would run outside the publisher's trace. This
/// filter runs on the consumer grain around each batch delivery (<c>IStreamConsumerExtension.DeliverBatch</c>): it reads
/// the trace context the batch carries and runs the delivery under a consumer span, <c>process {namespace}</c> on
/// <see cref="PlayboundTelemetry.ActivitySourceName"/>, whose parent is the publisher's span (linked to the delivery
/// call's own span). Everything the consumer does (grain calls, SQL, pushes) then belongs to the publisher's trace.
/// </summary>
internal sealed class StreamDeliveryTracingFilter(DistributedContextPropagator propagator) : IIncomingGrainCallFilter
{
    private static readonly ActivitySource Source = new(PlayboundTelemetry.ActivitySourceName);

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!Source.HasListeners() || context.MethodName != "DeliverBatch" || FindBatch(context) is not { } batch)
        {
            await context.Invoke();
            return;
        }

        var parent = PublisherContext(batch);
        var streamNamespace = batch.StreamId.GetNamespace() ?? "";
        ActivityLink[]? links = Activity.Current is { } delivery ? [new ActivityLink(delivery.Context)] : null;
        using var activity = Source.StartActivity(
            $"process {streamNamespace}",
            ActivityKind.Consumer,
            parent,
            [
                new("messaging.system", "orleans"),
                new("messaging.operation.type", "process"),
                new("messaging.destination.name", streamNamespace),
                new("messaging.message.conversation_id", batch.StreamId.GetKeyAsString()),
            ],
            links);
        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private static IBatchContainer? FindBatch(IIncomingGrainCallContext context)
    {
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            if (context.Request.GetArgument(i) is IBatchContainer batch)
            {
                return batch;
            }
        }

        return null;
    }

    /// <summary>The trace context the batch's publisher had, read by importing the batch's request context for a moment.</summary>
    private ActivityContext PublisherContext(IBatchContainer batch)
    {
        var current = RequestContext.Entries.ToDictionary(static e => e.Key, static e => e.Value);
        try
        {
            if (!batch.ImportRequestContext())
            {
                return default;
            }

            propagator.ExtractTraceIdAndState(null, GetRequestContextValue, out var traceParent, out var traceState);
            return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent) ? parent : default;
        }
        finally
        {
            RequestContextExtensions.Import(current);
        }
    }

    private static void GetRequestContextValue(object? carrier, string fieldName, out string? fieldValue, out IEnumerable<string>? fieldValues)
    {
        fieldValues = null;
        fieldValue = RequestContext.Get(fieldName) as string;
    }
}
