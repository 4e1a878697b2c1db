using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>
/// The process's dependency circuits, one per name, created on first use from the named
/// <see cref="DependencyCircuitOptions"/> of that name. Every component reaching the same dependency shares its circuit,
/// so all of the social stores together decide whether the database is down.
/// </summary>
public sealed class DependencyCircuits(
    IOptionsMonitor<DependencyCircuitOptions> options, TimeProvider timeProvider, ILogger<DependencyCircuit> logger)
{
    /// <summary>The circuit of the social store's database.</summary>
    public const string Storage = "storage";

    private readonly ConcurrentDictionary<string, Lazy<DependencyCircuit>> _circuits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The circuits created so far, in no particular order.</summary>
    public IEnumerable<DependencyCircuit> All => _circuits.Values.Where(circuit => circuit.IsValueCreated).Select(circuit => circuit.Value);

    /// <summary>The circuit <paramref name="name"/>, created with its options on first use.</summary>
    /// <exception cref="OptionsValidationException">The options of <paramref name="name"/> are invalid.</exception>
    public DependencyCircuit Get(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Lazy: two first callers racing must not build two breakers and use one each.
        return _circuits.GetOrAdd(name, key => new Lazy<DependencyCircuit>(
            () => new DependencyCircuit(key, options.Get(key), timeProvider, logger))).Value;
    }
}
