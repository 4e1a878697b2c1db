using System.Net;
using Playbound.HubClient.Tests.Infrastructure;

namespace Playbound.HubClient.Tests;

public sealed class ConnectTests(TestHubServer server) : IClassFixture<TestHubServer>
{
    [Fact]
    public async Task The_handshake_completes_and_the_connection_answers_invocations()
    {
        await using var client = await server.ConnectAsync();

        Assert.Equal(5, await client.InvokeAsync<int>("Add", 2, 3));
        Assert.False(client.Closed.IsCompleted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bad")]
    public async Task A_missing_or_bad_token_is_refused_with_the_401_of_the_upgrade(string? token)
    {
        await using var client = new HubClient();

        var refused = await Assert.ThrowsAsync<HubConnectionRefusedException>(
            () => client.ConnectAsync(server.Url(TestHub.Path), token));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_handshake_error_is_refused_with_the_servers_message()
    {
        await using var client = new HubClient();

        var refused = await Assert.ThrowsAsync<HubConnectionRefusedException>(
            () => client.ConnectAsync(server.Url(ScriptedSockets.Path("handshake-error"))));

        Assert.Null(refused.StatusCode);
        Assert.Contains(ScriptedSockets.HandshakeError, refused.Message);
    }
}
