using System.Collections.Immutable;

namespace Playbound.Runtime;

/// <summary>
/// Values that travel with a call chain, such as the caller's user id: set before calling a grain, read inside
/// it and in anything it calls. Values are strings so they cross process boundaries unchanged.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<ImmutableDictionary<string, string>?> Current = new();

    /// <summary>Sets <paramref name="key"/> for the rest of this async flow.</summary>
    public static void Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        Current.Value = (Current.Value ?? ImmutableDictionary<string, string>.Empty).SetItem(key, value);
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public static string? Get(string key) => Current.Value?.GetValueOrDefault(key);

    /// <summary>Removes <paramref name="key"/> from this async flow.</summary>
    public static void Remove(string key)
    {
        if (Current.Value is { } values)
        {
            Current.Value = values.Remove(key);
        }
    }

    /// <summary>Removes every value from this async flow.</summary>
    public static void Clear() => Current.Value = null;

    /// <summary>All values in this async flow.</summary>
    public static IReadOnlyDictionary<string, string> Entries =>
        Current.Value ?? ImmutableDictionary<string, string>.Empty;

    internal static RequestContextSnapshot Capture() => new(Current.Value);

    internal static RequestContextSnapshot Restore(RequestContextSnapshot snapshot)
    {
        var previous = new RequestContextSnapshot(Current.Value);
        if (!ReferenceEquals(previous.Values, snapshot.Values))
        {
            Current.Value = snapshot.Values;
        }

        return previous;
    }

    internal static RequestContextSnapshot FromEntries(IReadOnlyDictionary<string, string>? entries) =>
        new(entries is null || entries.Count == 0 ? null : entries.ToImmutableDictionary());
}

/// <summary>A captured request context, restored when a queued call runs.</summary>
internal readonly record struct RequestContextSnapshot(ImmutableDictionary<string, string>? Values);
