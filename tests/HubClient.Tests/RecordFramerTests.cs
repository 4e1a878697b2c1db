using System.Text;

namespace Playbound.HubClient.Tests;

/// <summary>The 0x1E framing on its own, fed chunks the way WebSocket receives would deliver them.</summary>
public sealed class RecordFramerTests
{
    [Fact]
    public void One_chunk_holding_several_messages_yields_each_of_them_in_order()
    {
        var messages = Feed("{\"type\":6}\u001e{\"type\":1}\u001e{}\u001e");

        Assert.Equal(["{\"type\":6}", "{\"type\":1}", "{}"], messages);
    }

    [Fact]
    public void A_message_split_over_chunks_is_reassembled_and_the_following_message_still_read()
    {
        var messages = Feed("{\"type\":1,\"tar", "get\":\"x\"", "}\u001e{\"type\":6}\u001e");

        Assert.Equal(["{\"type\":1,\"target\":\"x\"}", "{\"type\":6}"], messages);
    }

    [Fact]
    public void A_separator_arriving_alone_ends_the_carried_message()
    {
        var messages = Feed("{\"type\":6}", "\u001e", "{}\u001e");

        Assert.Equal(["{\"type\":6}", "{}"], messages);
    }

    [Fact]
    public void A_message_much_larger_than_a_receive_is_assembled_from_many_chunks()
    {
        var big = "{\"text\":\"" + new string('x', 50_000) + "\"}";
        var chunks = (big + "\u001e").Chunk(4096).Select(chunk => new string(chunk)).ToArray();

        Assert.Equal([big], Feed(chunks));
    }

    [Fact]
    public void Bytes_without_a_separator_yield_nothing_until_it_comes()
    {
        using var framer = new RecordFramer();
        ReadOnlySpan<byte> chunk = "{\"type\":"u8;

        Assert.False(framer.TryRead(ref chunk, out _));
        Assert.True(chunk.IsEmpty);
    }

    private static List<string> Feed(params string[] chunks)
    {
        using var framer = new RecordFramer();
        var messages = new List<string>();
        foreach (var text in chunks)
        {
            ReadOnlySpan<byte> chunk = Encoding.UTF8.GetBytes(text);
            while (framer.TryRead(ref chunk, out var message))
                messages.Add(Encoding.UTF8.GetString(message));
        }

        return messages;
    }
}
