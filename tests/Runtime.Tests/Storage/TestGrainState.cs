using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>A plain <see cref="IGrainState{TState}"/>, as an activation would hold it.</summary>
public sealed class TestGrainState<TState> : IGrainState<TState>
{
    public TestGrainState(TState state) => State = state;

    public TState State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
