using System.Reflection;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime;

/// <summary>A grain call as filters see it.</summary>
public interface IGrainCallContext
{
    /// <summary>The target grain.</summary>
    GrainId TargetId { get; }

    /// <summary>The request, with its method and arguments.</summary>
    GrainRequest Request { get; }

    /// <summary>The grain interface method being called.</summary>
    MethodInfo InterfaceMethod { get; }

    /// <summary>The result once <see cref="Invoke"/> completed (null for void methods); a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Continues to the next filter, or to the call itself.</summary>
    Task Invoke();
}

/// <summary>An incoming call: the grain instance is known.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance that handles the call.</summary>
    object Grain { get; }
}

/// <summary>An outgoing call, before it leaves the caller.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext;
