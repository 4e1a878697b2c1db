namespace Playbound.Runtime.Activation;

/// <summary>What the runtime knows about one grain class.</summary>
/// <param name="GrainType">The grain type name used in grain ids.</param>
/// <param name="ClassType">The grain class.</param>
/// <param name="IsStatelessWorker">Whether several local activations may exist.</param>
/// <param name="MaxLocalWorkers">The most local activations of a stateless worker.</param>
public sealed record GrainClassInfo(string GrainType, Type ClassType, bool IsStatelessWorker, int MaxLocalWorkers);
