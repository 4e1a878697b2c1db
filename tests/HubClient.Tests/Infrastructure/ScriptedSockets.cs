using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Playbound.HubClient.Tests.Infrastructure;

/// <summary>
/// WebSocket endpoints that answer the handshake with fixed frames, for what a real hub never does on demand:
/// fail the handshake, cut messages at arbitrary places across frames, or show that the client pings.
/// </summary>
public static class ScriptedSockets
{
    public const string HandshakeError = "Requested protocol 'json' is not available.";

    private static readonly Dictionary<string, string[]> Scripts = new()
    {
        ["handshake-error"] = [$"{{\"error\":\"{HandshakeError}\"}}\u001e"],
        ["split"] =
        [
            "{}\u001e{\"type\":1,\"target\":\"note\",\"argu",
            "ments\":[{\"text\":\"first\",\"number\":1}]}\u001e{\"type\":6}\u001e{\"type\":1,\"tar",
            "get\":\"note\",\"arguments\":[{\"text\":\"second\",\"number\":2}]}",
            "\u001e",
        ],
    };

    public static string Path(string script) => $"/scripted/{script}";

    /// <summary>Answers the handshake, then tells the client of each ping it sends with a "pinged" invocation.</summary>
    public const string PingEcho = "/scripted-ping-echo";

    public static void MapScriptedSockets(this WebApplication app)
    {
        app.Map("/scripted/{script}", async (HttpContext context, string script) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            await socket.ReceiveAsync(buffer, context.RequestAborted); // the handshake request
            foreach (var frame in Scripts[script])
                await SendAsync(socket, frame, context.RequestAborted);

            // Stay open until the client closes, so the test decides when the connection ends.
            while (!(await socket.ReceiveAsync(buffer, context.RequestAborted)).CloseStatus.HasValue) { }
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
        });
        app.Map(PingEcho, async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            await socket.ReceiveAsync(buffer, context.RequestAborted); // the handshake request
            await SendAsync(socket, "{}\u001e", context.RequestAborted);
            var pings = 0;
            WebSocketReceiveResult received;
            while (!(received = await socket.ReceiveAsync(buffer, context.RequestAborted)).CloseStatus.HasValue)
            {
                if (Encoding.UTF8.GetString(buffer, 0, received.Count) == "{\"type\":6}\u001e")
                    await SendAsync(socket, $"{{\"type\":1,\"target\":\"pinged\",\"arguments\":[{++pings}]}}\u001e", context.RequestAborted);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
        });
    }

    private static Task SendAsync(WebSocket socket, string frame, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, cancellationToken);
}
