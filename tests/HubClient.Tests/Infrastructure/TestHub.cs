using Microsoft.AspNetCore.SignalR;

namespace Playbound.HubClient.Tests.Infrastructure;

public sealed record Note(string Text, int Number);

/// <summary>A hub with one method per behaviour the client must handle.</summary>
public sealed class TestHub : Hub
{
    public const string Path = "/hubs/test";

    /// <summary>Connecting with ?refuse makes the server end the connection with an error right after the handshake.</summary>
    public override Task OnConnectedAsync() =>
        Context.GetHttpContext()!.Request.Query.ContainsKey("refuse")
            ? throw new InvalidOperationException("refused by the test")
            : base.OnConnectedAsync();

    public int Add(int a, int b) => a + b;

    public Note Echo(Note note) => note;

    public void Fail(string message) => throw new HubException(message);

    public Task Push(string method, Note note) => Clients.Caller.SendAsync(method, note);

    // Made on the server: the server accepts no message over 32 KB, so a test cannot send one this large.
    public Task PushLong(int length) => Clients.Caller.SendAsync("long", new Note(new string('x', length), length));

    // Sent back to back, so the server's transport is free to pack several messages into one WebSocket frame.
    public async Task Burst(int count)
    {
        for (var i = 0; i < count; i++)
            await Clients.Caller.SendAsync("burst", new Note("burst", i));
    }

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public Task Hang() => Task.Delay(Timeout.Infinite, Context.ConnectionAborted);

    /// <summary>Never completes: the server closes the connection instead.</summary>
    public Task CloseConnection()
    {
        Context.Abort();
        return Hang();
    }
}
