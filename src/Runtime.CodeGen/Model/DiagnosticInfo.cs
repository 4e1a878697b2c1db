using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Playbound.Runtime.CodeGen.Model;

/// <summary>
/// A diagnostic waiting to be reported, held as plain values: a <see cref="Location"/> would keep the syntax tree
/// (and with it the whole compilation) alive in the generator cache.
/// </summary>
/// <param name="Descriptor">The rule.</param>
/// <param name="Location">Where to report it; null for no location.</param>
/// <param name="MessageArgs">The message format arguments.</param>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    LocationInfo? Location,
    EquatableArray<string> MessageArgs)
{
    /// <summary>Rebuilds the diagnostic.</summary>
    public Diagnostic ToDiagnostic()
    {
        var args = new object[MessageArgs.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = MessageArgs[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}

/// <summary>A source location as plain values.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Span">The character span.</param>
/// <param name="LineSpan">The line and column span.</param>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>Captures <paramref name="location"/>; null unless it points into source.</summary>
    public static LocationInfo? From(Location? location) => location is { IsInSource: true, SourceTree: not null }
        ? new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
        : null;

    /// <summary>Rebuilds the location.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
