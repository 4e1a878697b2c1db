namespace Playbound.Runtime.Storage;

/// <summary>A grain's piece of state as a storage provider sees it.</summary>
/// <typeparam name="TState">The state record.</typeparam>
public interface IGrainState<TState>
{
    /// <summary>The state value.</summary>
    TState State { get; set; }

    /// <summary>The version last read or written; null when no record exists.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; set; }
}
