namespace Playbound.Runtime.Streams;

/// <summary>Hands out durable streams. Inside grains use <c>Grain.GetStream</c>; elsewhere inject this.</summary>
public interface IStreamProvider
{
    /// <summary>Returns the stream (<paramref name="streamNamespace"/>, <paramref name="key"/>).</summary>
    /// <exception cref="ArgumentException">The namespace or key is null or empty.</exception>
    IAsyncStream<T> GetStream<T>(string streamNamespace, string key);
}
