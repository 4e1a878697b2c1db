namespace Playbound.Runtime.Tests.Storage;

/// <summary>The smallest useful state.</summary>
public sealed record CounterState(int Value);
