using System.Collections.Concurrent;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Networking;
using Playbound.Runtime.Placement;

namespace Playbound.Runtime.Activation;

/// <summary>
/// The directory of this silo's activations: finds the activation of a grain id, creating it on first use, and
/// forgets it when it deactivates. Grains are virtual: callers never create or destroy them.
/// </summary>
internal sealed class Catalog : IActivationOwner
{
    private readonly ConcurrentDictionary<GrainId, IActivationTarget> _targets = new();
    private readonly GrainRuntime _runtime;
    private readonly GrainTypeManager _grainTypes;
    private readonly GrainLocator? _locator;

    /// <summary>Creates the catalog; <paramref name="locator"/> is given in cluster mode only.</summary>
    public Catalog(GrainRuntime runtime, GrainTypeManager grainTypes, GrainLocator? locator = null)
    {
        _runtime = runtime;
        _grainTypes = grainTypes;
        _locator = locator;
        runtime.Catalog = this;
    }

    /// <summary>The number of live activations (stateless workers count once per worker).</summary>
    public int Count => _targets.Values.Sum(static t => t is StatelessWorkerGroup group ? group.Count : 1);

    /// <summary>Starts a call on the grain's activation, activating it first if needed.</summary>
    public Task<TResult> Invoke<TResult>(GrainId grainId, GrainRequest<TResult> request)
    {
        while (true)
        {
            // A null result means the activation deactivated between lookup and call; the next lookup finds its successor.
            var task = GetOrCreate(grainId).TryInvoke(request);
            if (task is not null)
            {
                return task;
            }
        }
    }

    /// <summary>Hands a queued item of a deactivated activation to the grain's next activation.</summary>
    public void Forward(GrainId grainId, WorkItem item)
    {
        // In a cluster the activation may have gone because the grain moved: its queued calls must not re-create it
        // here, so they fail "not owner" and their callers retry at the new owner.
        if (_locator is not null && !_locator.OwnsLocally(grainId))
        {
            item.Fail(new NotOwnerException(grainId));
            return;
        }

        while (!GetOrCreate(grainId).TryEnqueue(item))
        {
        }
    }

    /// <summary>The activations, for collection and shutdown.</summary>
    public IEnumerable<ActivationData> Activations()
    {
        foreach (var target in _targets.Values)
        {
            if (target is ActivationData activation)
            {
                yield return activation;
            }
            else if (target is StatelessWorkerGroup group)
            {
                foreach (var worker in group.Workers())
                {
                    yield return worker;
                }
            }
        }
    }

    public void OnDeactivated(ActivationData activation) =>
        _targets.TryRemove(new KeyValuePair<GrainId, IActivationTarget>(activation.GrainId, activation));

    private IActivationTarget GetOrCreate(GrainId grainId)
    {
        if (_targets.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var grainClass = _grainTypes.GetGrainClass(grainId.Type);
        if (grainClass.IsStatelessWorker)
        {
            return _targets.GetOrAdd(grainId, static (id, state) => new StatelessWorkerGroup(id, state.grainClass, state.runtime),
                (grainClass, runtime: _runtime));
        }

        // Only the winner of the race starts its activation turn; a losing candidate was never visible to anyone.
        var candidate = new ActivationData(grainId, grainClass, _runtime, this);
        var winner = _targets.GetOrAdd(grainId, candidate);
        if (ReferenceEquals(winner, candidate))
        {
            candidate.Start();
        }

        return winner;
    }
}
