using System.Net;

namespace Playbound.HubClient;

/// <summary>The server would not open the hub connection: it refused the WebSocket upgrade or failed the handshake.</summary>
public sealed class HubConnectionRefusedException : Exception
{
    internal HubConnectionRefusedException(HttpStatusCode statusCode, Exception inner)
        : base($"The server refused the WebSocket upgrade with HTTP {(int)statusCode} ({statusCode}).", inner) =>
        StatusCode = statusCode;

    internal HubConnectionRefusedException(string handshakeError)
        : base($"The server failed the SignalR handshake: {handshakeError}") { }

    /// <summary>The HTTP status the upgrade was answered with (e.g. 401); null when the handshake failed instead.</summary>
    public HttpStatusCode? StatusCode { get; }
}
