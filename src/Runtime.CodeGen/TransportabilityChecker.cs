using Microsoft.CodeAnalysis;

namespace Playbound.Runtime.CodeGen;

/// <summary>
/// Finds types that cannot travel in a serialized request or response: they are behaviour or live resources
/// (delegates, streams, tasks, cancellation tokens), have no stable representation (pointers, <c>dynamic</c>), or
/// cannot even be stored in a request's property (ref structs).
/// </summary>
internal static class TransportabilityChecker
{
    /// <summary>
    /// Returns why <paramref name="type"/> cannot cross a process boundary, or null if it can. Generic arguments
    /// and array elements are searched too, since <c>List&lt;Func&lt;int&gt;&gt;</c> is no more transportable than
    /// the delegate itself. <paramref name="offender"/> is the innermost type at fault.
    /// </summary>
    public static string? FindProblem(ITypeSymbol type, out ITypeSymbol offender)
    {
        offender = type;
        var reason = Classify(type);
        if (reason is not null)
        {
            return reason;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return FindProblem(array.ElementType, out offender);
            case INamedTypeSymbol { IsGenericType: true } named:
                foreach (var argument in named.TypeArguments)
                {
                    var inner = FindProblem(argument, out offender);
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                offender = type;
                return null;
            default:
                return null;
        }
    }

    private static string? Classify(ITypeSymbol type)
    {
        switch (type.TypeKind)
        {
            case TypeKind.Delegate:
                return "a delegate";
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer:
                return "a pointer";
            case TypeKind.Dynamic:
                return "dynamic, whose runtime type is lost in serialization";
        }

        if (type.IsRefLikeType)
        {
            return "a ref struct, which cannot be stored in a request";
        }

        if (type.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
        {
            return "a delegate";
        }

        if (GrainSymbols.IsOrDerivesFrom(type, "System.IO", "Stream"))
        {
            return "a stream";
        }

        if (GrainSymbols.IsOrDerivesFrom(type, "System.Threading.Tasks", "Task")
            || (type is INamedTypeSymbol named && GrainSymbols.Is(named.OriginalDefinition, "System.Threading.Tasks", "ValueTask")))
        {
            return "a task";
        }

        if (type is INamedTypeSymbol token && GrainSymbols.Is(token, "System.Threading", "CancellationToken"))
        {
            return "a cancellation token, which is local to one process";
        }

        return null;
    }
}
