namespace Playbound.Bench.Results;

/// <summary>Collects latencies in milliseconds per worker (no locking on the hot path) into one distribution.</summary>
public sealed class LatencyRecorder
{
    private readonly List<List<double>> _perWorker = [];

    /// <summary>A list for one worker's samples; only that worker may add to it.</summary>
    public List<double> ForWorker()
    {
        var list = new List<double>();
        lock (_perWorker)
        {
            _perWorker.Add(list);
        }

        return list;
    }

    /// <summary>Every worker's samples; call it once the workers have stopped.</summary>
    public LatencyDistribution Distribution() => LatencyDistribution.FromSamples(_perWorker.SelectMany(static l => l));
}
