namespace Playbound.Runtime;

/// <summary>Creates references to grains. References are cheap; calling one activates the grain where needed.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is null or empty, or no grain class implements the interface.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
