using Microsoft.AspNetCore.SignalR;
using Playbound.HubClient.Tests.Infrastructure;

namespace Playbound.HubClient.Tests;

public sealed class BroadcastTests(TestHubServer server) : IClassFixture<TestHubServer>
{
    private const int Connections = 1_000;

    [Fact]
    public async Task A_thousand_connections_in_one_process_all_receive_a_group_broadcast_and_outsiders_none()
    {
        var clients = new HubClient[Connections];
        var outsider = await server.ConnectAsync();
        try
        {
            await Parallel.ForAsync(0, Connections, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                clients[i] = await server.ConnectAsync();
                await clients[i].InvokeAsync("Join", "everyone");
            });
            var received = clients.Select(client => client.Subscribe<Note>("news")).ToArray();
            using var outsiderNews = outsider.Subscribe<Note>("news");

            await server.Hub.Clients.Group("everyone").SendAsync("news", new Note("broadcast", 1));

            var notes = await Task.WhenAll(received.Select(subscription => subscription.ReadAsync()));
            Assert.All(notes, note => Assert.Equal(new Note("broadcast", 1), note));
            await outsiderNews.ExpectNothingAsync(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            await Task.WhenAll(clients.Where(client => client is not null).Select(client => client.DisposeAsync().AsTask()));
            await outsider.DisposeAsync();
        }
    }
}
