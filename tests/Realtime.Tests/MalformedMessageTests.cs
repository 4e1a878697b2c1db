using System.Text;

namespace Playbound.Realtime.Tests;

/// <summary>Whatever lands on the channel, the silo keeps going.</summary>
public sealed class MalformedMessageTests
{
    private const int MalformedEventId = 4124;
    private readonly string _channel = TestRedis.NewChannel();

    [Fact]
    public async Task Malformed_messages_are_logged_and_ignored_and_later_ones_still_apply()
    {
        await using var spy = await ChannelSpy.StartAsync(_channel);
        await using var silo = await Silo.StartAsync(_channel);
        string[] malformed =
        [
            "not json",
            "{}",
            "null",
            """{"node":"n1","kind":"teleport","users":["mallory"],"ttlMs":60000}""",
            """{"node":"n1","kind":"online","users":null,"ttlMs":60000}""",
            """{"node":"n1","kind":"online","users":["mallory"]}""",
            """{"node":"n1","kind":"online","users":[""],"ttlMs":60000}""",
            """{"node":"n1","kind":"online","users":["mallory"],"ttlMs":9223372036854775807}""",
            """{"node":"n1","kind":"hello","users":[],"ttlMs":0}""",
            """{"node":"n1","kind":"online","users":[42],"ttlMs":60000}""",
        ];
        foreach (var payload in malformed)
        {
            await spy.PublishAsync(payload);
        }

        await spy.PublishAsync([0xFF, 0xFE, 0x00, 0x01]);
        await spy.PublishAsync(Encoding.UTF8.GetBytes("""{"node":"n1","kind":"online","users":["carol"],"ttlMs":60000}"""));

        await Eventually.TrueAsync(() => silo.Presence.IsOnline("carol"), "the valid message after the bad ones applies");
        Assert.Equal(["carol"], silo.Presence.OnlineUsers());
        Assert.Equal(malformed.Length + 1, silo.Logs.Count(MalformedEventId));
    }
}
