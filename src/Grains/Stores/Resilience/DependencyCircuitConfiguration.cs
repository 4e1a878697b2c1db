using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>
/// Binds each circuit's options from <c>Playbound:Resilience:{name}</c>, whatever the name. A post-configuration, so
/// configuration overrides the defaults the calling side sets in code (e.g. which errors are transient). Does
/// nothing in a container without <see cref="IConfiguration"/> (unit tests).
/// </summary>
internal sealed class DependencyCircuitConfiguration(IConfiguration? configuration = null) : IPostConfigureOptions<DependencyCircuitOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, DependencyCircuitOptions options)
    {
        if (configuration is not null && !string.IsNullOrEmpty(name))
        {
            configuration.GetSection($"{DependencyCircuitOptions.SectionName}:{name}").Bind(options);
        }
    }
}
