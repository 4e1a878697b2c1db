using System.Diagnostics;
using Playbound.Grains.Realtime;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// Publisher, nodes and presence come back on their own after losing the broker, with the routing of that moment. The
/// default test deletes this test's exchanges and forces its connections closed, as a restart would, so tests
/// running beside it keep their broker; <c>PLAYBOUND_TEST_BROKER_RESTART=1</c> also restarts the whole local broker
/// (<c>rabbitmqctl stop_app</c> / <c>start_app</c>). Both need the local broker: one named by
/// <c>PLAYBOUND_TEST_RABBITMQ</c> is not ours to disturb.
/// </summary>
[Collection(RecoveryCollection.Name)]
public sealed class RecoveryTests
{
    private static readonly bool LocalBroker = Environment.GetEnvironmentVariable("PLAYBOUND_TEST_RABBITMQ") is not { Length: > 0 };

    [Fact]
    public async Task Routing_and_presence_come_back_after_the_broker_drops_the_connections()
    {
        if (LocalBroker)
        {
            // Exchanges first, as a restart loses them: deleted later, they would take the bindings of sessions that
            // had already recovered, which no restart does.
            await LoseAndRecoverAsync(async options =>
            {
                await TestBroker.DeleteExchangesAsync(options);
                await RabbitmqctlAsync(
                    $"rabbitmqctl -q list_connections pid client_properties | grep -F '{options.Exchange}' | cut -f1 "
                    + "| xargs -r -I{} rabbitmqctl -q close_connection '{}' 'test: broker lost'");
            }, static () => Task.CompletedTask);
        }
    }

    [Fact]
    public async Task Routing_and_presence_come_back_after_a_broker_restart()
    {
        if (LocalBroker && Environment.GetEnvironmentVariable("PLAYBOUND_TEST_BROKER_RESTART") == "1")
        {
            await LoseAndRecoverAsync(static _ => RabbitmqctlAsync("rabbitmqctl -q stop_app"), static () => RabbitmqctlAsync("rabbitmqctl -q start_app"));
        }
    }

    private static async Task LoseAndRecoverAsync(Func<RabbitMqRealtimeOptions, Task> lose, Func<Task> restore)
    {
        var options = TestBroker.IsolatedOptions();
        // Long enough that the changes below happen while the connections are down.
        options.ReconnectInterval = TimeSpan.FromSeconds(2);
        await using var cluster = await Cluster.StartAsync(options);
        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node2.UserConnectedAsync("carol");
        await TestBroker.EventuallyAsync(() => cluster.Presence.IsOnline("alice"), "alice is online");

        await lose(options);
        try
        {
            cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.Notification, new { n = 0 });
            await cluster.Node1.UserConnectedAsync("bob");
            await cluster.Node2.UserDisconnectedAsync("carol");
        }
        finally
        {
            await restore();
        }

        await TestBroker.EventuallyAsync(
            () => cluster.Presence.IsOnline("bob") && cluster.Presence.IsOnline("alice") && !cluster.Presence.IsOnline("carol"),
            "presence is rebuilt", seconds: 30);
        await cluster.Publisher.WaitConnectedAsync(TestBroker.Timeout(30));
        await cluster.Node1.WaitConnectedAsync(TestBroker.Timeout(30));
        await cluster.Node2.WaitConnectedAsync(TestBroker.Timeout(30));
        await cluster.Node2.UserConnectedAsync("sentinel");

        cluster.Publisher.PushToUsers(["bob", "carol", "sentinel"], RealtimeMethods.Notification, new { n = 1 });

        Assert.Equal("bob", (await NextAfterOutageAsync(cluster.Hub1)).Id);
        Assert.Equal("sentinel", (await cluster.Hub2.NextAsync()).Id);
    }

    // The push to alice is sent as the connections are being closed: dropped or delivered, both are right for a
    // best-effort push, so it may precede what the test waits for.
    private static async Task<Delivered> NextAfterOutageAsync(RecordingDelivery hub)
    {
        var next = await hub.NextAsync();
        return next.Id == "alice" ? await hub.NextAsync() : next;
    }

    private static async Task RabbitmqctlAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]))!;
        await process.WaitForExitAsync(TestBroker.Timeout(60));
        Assert.Equal(0, process.ExitCode);
    }
}

/// <summary>Recovery tests run alone, after the others: a broker restart would fail whatever runs beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecoveryCollection
{
    public const string Name = "broker recovery";
}
