namespace Playbound.Runtime.Tests.Grains;

public interface IContextGrain : IGrainWithStringKey
{
    Task<string?> Read(string key);

    /// <summary>Calls another context grain and returns what it saw: the context flows down a call chain.</summary>
    Task<string?> ReadVia(string otherKey, string key);
}

public sealed class ContextGrain : Grain, IContextGrain
{
    public Task<string?> Read(string key) => Task.FromResult(RequestContext.Get(key));

    public Task<string?> ReadVia(string otherKey, string key) => GrainFactory.GetGrain<IContextGrain>(otherKey).Read(key);
}
