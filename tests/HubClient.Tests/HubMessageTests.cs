using System.Text;
using System.Text.Json;

namespace Playbound.HubClient.Tests;

/// <summary>Reading the fields the client acts on, whatever order the server writes them in.</summary>
public sealed class HubMessageTests
{
    [Fact]
    public void A_completion_yields_its_numeric_id_and_raw_result_in_any_field_order()
    {
        var message = HubMessage.Parse("{\"result\":{\"a\":[1,2]},\"invocationId\":\"42\",\"type\":3}"u8);

        Assert.Equal(HubMessage.Completion, message.Type);
        Assert.Equal(42, message.InvocationId);
        Assert.Equal("{\"a\":[1,2]}", Encoding.UTF8.GetString(message.Result));
        Assert.Null(message.Error);
    }

    [Fact]
    public void An_invocation_yields_an_unescaped_target_and_its_first_argument()
    {
        var message = HubMessage.Parse("{\"type\":1,\"target\":\"n\\u006fte\",\"arguments\":[{\"text\":\"hi\",\"number\":3}],\"headers\":{}}"u8);

        Assert.Equal("note", Encoding.UTF8.GetString(message.Target));
        var note = HubMessage.FirstArgument<Infrastructure.Note>(message.Arguments, JsonSerializerOptions.Web);
        Assert.Equal(new Infrastructure.Note("hi", 3), note);
    }

    [Fact]
    public void A_server_made_invocation_id_matches_none_of_ours()
    {
        Assert.Equal(0, HubMessage.Parse("{\"type\":1,\"invocationId\":\"abc\",\"target\":\"x\",\"arguments\":[]}"u8).InvocationId);
    }

    [Fact]
    public void A_close_and_a_handshake_answer_carry_their_error()
    {
        var close = HubMessage.Parse("{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}"u8);
        var handshake = HubMessage.Parse("{\"error\":\"nope\"}"u8);

        Assert.Equal((HubMessage.Close, "Connection closed with an error."), (close.Type, close.Error));
        Assert.Equal((0, "nope"), (handshake.Type, handshake.Error));
    }

    [Fact]
    public void An_invocation_without_arguments_is_refused_by_a_single_argument_handler()
    {
        Assert.Throws<InvalidDataException>(() => HubMessage.FirstArgument<int>("[]"u8, JsonSerializerOptions.Web));
    }
}
