namespace Playbound.Grains;

/// <summary>
/// One page of a list, newest or oldest first as the list defines. <see cref="NextCursor"/> is the raw position after
/// the last item (null on the last page); the Api wraps it in a signed opaque cursor before clients see it.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="NextCursor">The raw position to continue from, or null when there is nothing more.</param>
/// <remarks>
/// <see cref="ImmutableAttribute">Immutable</see>: every page is built for the one call that returns it and its items
/// are records, so a call within a silo hands the page over instead of deep-copying it and every item.
/// </remarks>
[GenerateSerializer, Immutable, Alias("playbound.Page`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextCursor);

/// <summary>Paging limits shared by every list.</summary>
public static class Paging
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 100;
}
