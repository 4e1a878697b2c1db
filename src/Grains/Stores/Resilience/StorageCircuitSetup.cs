using Microsoft.Extensions.Options;
using Playbound.Grains.Stores.Sql;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>Gives the <see cref="DependencyCircuits.Storage"/> circuit the storage side's error rules (<see cref="StorageErrors"/>).</summary>
public sealed class StorageCircuitSetup : IConfigureNamedOptions<DependencyCircuitOptions>
{
    /// <inheritdoc />
    public void Configure(string? name, DependencyCircuitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(name, DependencyCircuits.Storage, StringComparison.OrdinalIgnoreCase))
        {
            options.IsTransient = StorageErrors.IsTransient;
            options.IsExpected = StorageErrors.IsExpected;
        }
    }

    /// <inheritdoc />
    public void Configure(DependencyCircuitOptions options) => Configure(Options.DefaultName, options);
}
