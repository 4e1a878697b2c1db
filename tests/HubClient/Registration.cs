using System.Text;

namespace Playbound.HubClient;

/// <summary>Handles the JSON argument array of a server-to-client invocation, given when it was received.</summary>
internal delegate void ArgumentsHandler(ReadOnlySpan<byte> arguments, long receivedTimestamp);

/// <summary>One handler of a server-to-client method; disposing it unregisters it.</summary>
internal sealed class Registration(HubClient client, string method, ArgumentsHandler handle, Action<Exception>? closed)
    : IDisposable
{
    /// <summary>The method name as UTF-8, so that dispatch compares bytes instead of allocating a string per message.</summary>
    public byte[] Method { get; } = Encoding.UTF8.GetBytes(method);

    public ArgumentsHandler Handle => handle;

    /// <summary>Told the reason when the connection ends, so that waiting readers fail at once instead of timing out.</summary>
    public Action<Exception>? Closed => closed;

    public void Dispose() => client.Unregister(this);
}
