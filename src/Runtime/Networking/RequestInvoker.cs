using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Networking;

/// <summary>
/// Runs a decoded request of one generated request type on the catalog. Built once per request type, so the
/// result type is known statically on the dispatch path and results serialize without reflection.
/// </summary>
internal abstract class RequestInvoker
{
    /// <summary>The generated request type.</summary>
    public abstract Type RequestType { get; }

    /// <summary>Starts the call and queues its response on <paramref name="connection"/> when it completes.</summary>
    public abstract void Invoke(Catalog catalog, GrainId target, long callId, GrainRequest request, ServerConnection connection);

    /// <summary>The invoker of a generated request type (a subclass of <see cref="GrainRequest{TResult}"/>).</summary>
    public static RequestInvoker Create(Type requestType)
    {
        var resultType = ResultTypeOf(requestType)
            ?? throw new ArgumentException($"{requestType} is not a grain request.", nameof(requestType));
        return (RequestInvoker)Activator.CreateInstance(typeof(RequestInvoker<>).MakeGenericType(resultType), requestType)!;
    }

    private static Type? ResultTypeOf(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(GrainRequest<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}

/// <summary>The invoker of requests returning <typeparamref name="TResult"/>.</summary>
internal sealed class RequestInvoker<TResult>(Type requestType) : RequestInvoker
{
    public override Type RequestType { get; } = requestType;

    public override void Invoke(Catalog catalog, GrainId target, long callId, GrainRequest request, ServerConnection connection)
    {
        Task<TResult> task;
        try
        {
            task = catalog.Invoke(target, (GrainRequest<TResult>)request);
        }
        catch (Exception ex)
        {
            // An unknown grain type, for one: the caller gets the exception, the connection carries on.
            task = Task.FromException<TResult>(ex);
        }

        var response = new ResponseFrame<TResult>(callId, task, connection);
        if (task.IsCompleted)
        {
            response.Send();
        }
        else
        {
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(response.Send);
        }
    }
}
