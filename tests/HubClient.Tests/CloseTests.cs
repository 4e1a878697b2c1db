using Playbound.HubClient.Tests.Infrastructure;

namespace Playbound.HubClient.Tests;

public sealed class CloseTests(TestHubServer server) : IClassFixture<TestHubServer>
{
    [Fact]
    public async Task A_server_close_fails_the_pending_invocation_later_calls_and_subscriptions()
    {
        await using var client = await server.ConnectAsync();
        using var notes = client.Subscribe<Note>("note");

        await Assert.ThrowsAsync<HubConnectionClosedException>(() => client.InvokeAsync("CloseConnection"));

        await Assert.ThrowsAsync<HubConnectionClosedException>(() => notes.ReadAsync());
        await Assert.ThrowsAsync<HubConnectionClosedException>(() => client.InvokeAsync("Add", 1, 2));
    }

    [Fact]
    public async Task An_idle_client_pings_at_its_interval()
    {
        var client = new HubClient(new HubClientOptions { PingInterval = TimeSpan.FromMilliseconds(100) });
        using var pinged = client.Subscribe<int>("pinged");
        await using (client)
        {
            await client.ConnectAsync(server.Url(ScriptedSockets.PingEcho));

            Assert.Equal(1, await pinged.ReadAsync());
            Assert.Equal(2, await pinged.ReadAsync());
        }
    }

    [Fact]
    public async Task A_close_message_with_an_error_ends_the_connection_with_that_error()
    {
        await using var client = await server.ConnectAsync(TestHub.Path + "?refuse");

        var reason = Assert.IsType<HubConnectionClosedException>(await client.Closed.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("Connection closed with an error.", reason.ServerError);
    }

    [Fact]
    public async Task Disposing_fails_pending_invocations_and_closes_the_socket()
    {
        var client = await server.ConnectAsync();
        var hang = client.InvokeAsync("Hang");

        await client.DisposeAsync();

        await Assert.ThrowsAsync<HubConnectionClosedException>(() => hang);
        Assert.IsType<HubConnectionClosedException>(await client.Closed);
    }
}
