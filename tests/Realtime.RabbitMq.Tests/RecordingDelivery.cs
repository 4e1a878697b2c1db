using System.Text.Json;
using System.Threading.Channels;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>Stands in for an Api node's hub: records what the node would hand to its connections, in arrival order.</summary>
internal sealed class RecordingDelivery : IRealtimeDelivery
{
    private readonly Channel<Delivered> _delivered = Channel.CreateUnbounded<Delivered>();

    public void DeliverToUser(string userId, string method, JsonElement payload) =>
        _delivered.Writer.TryWrite(new Delivered("user", userId, method, payload));

    public void DeliverToPostWatchers(string postId, string method, JsonElement payload) =>
        _delivered.Writer.TryWrite(new Delivered("post", postId, method, payload));

    /// <summary>The next delivery; fails when none arrives within ten seconds.</summary>
    public async Task<Delivered> NextAsync()
    {
        try
        {
            return await _delivered.Reader.ReadAsync(TestBroker.Timeout());
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("Nothing was delivered within ten seconds.");
            throw;
        }
    }
}

internal sealed record Delivered(string Target, string Id, string Method, JsonElement Payload);
