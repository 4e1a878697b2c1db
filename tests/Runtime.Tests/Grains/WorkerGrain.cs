using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<int> Work(string gate);
}

/// <summary>A stateless worker with at most three local activations.</summary>
[StatelessWorker(3)]
public sealed class WorkerGrain(Probe probe) : Grain, IWorkerGrain
{
    private readonly int _instance = probe.Increment("worker.instances");

    public async Task<int> Work(string gate)
    {
        probe.Increment("worker.inside");
        await probe.Gate(gate);
        return _instance;
    }
}
