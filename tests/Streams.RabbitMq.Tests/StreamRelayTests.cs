namespace Playbound.Streams.RabbitMq.Tests;

public sealed class StreamRelayTests
{
    [Fact]
    public async Task Events_reach_their_subscriber_once_each_in_stream_order_and_leave_the_outbox()
    {
        await using var environment = new StreamTestEnvironment();
        await using var silo = await StreamSilo.StartAsync(environment, "a");
        environment.Cluster.Publish(silo.Address);

        var keys = Enumerable.Range(0, 12).Select(i => $"source-{i}").ToArray();
        await Task.WhenAll(keys.Select(key => silo.Grains.GetGrain<ITickSourceGrain>(key).Emit(0, 25)));

        await Eventually.TrueAsync(() => environment.Log.Deliveries.Count >= keys.Length * 25, "every tick was delivered");
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 25), environment.Log.NumbersOf(key));
        }

        Assert.Equal(environment.Log.Deliveries.Count, environment.Log.Deliveries.Select(static d => d.EventId).Distinct().Count());
        Assert.Equal(0, await environment.CountOutboxAsync());
        var checkpoints = await Task.WhenAll(Enumerable.Range(0, environment.Partitions).Select(environment.CheckpointOfAsync));
        Assert.Equal(keys.Length * 25 - environment.Partitions, checkpoints.Sum(static c => c ?? -1));
    }

    [Fact]
    public async Task A_restarted_silo_resumes_after_its_checkpoints_without_delivering_old_events_again()
    {
        await using var environment = new StreamTestEnvironment();
        await using (var first = await StreamSilo.StartAsync(environment, "first"))
        {
            environment.Cluster.Publish(first.Address);
            await first.Grains.GetGrain<ITickSourceGrain>("restart").Emit(0, 40);
            await Eventually.TrueAsync(() => environment.Log.Deliveries.Count == 40, "the first 40 ticks were delivered");
        }

        await using var second = await StreamSilo.StartAsync(environment, "second");
        environment.Cluster.Publish(second.Address);
        await second.Grains.GetGrain<ITickSourceGrain>("restart").Emit(40, 10);

        await Eventually.TrueAsync(() => environment.Log.Deliveries.Count >= 50, "the next 10 ticks were delivered");
        await Task.Delay(300);
        Assert.Equal(Enumerable.Range(0, 50), environment.Log.NumbersOf("restart"));
        Assert.All(environment.Log.Deliveries.Skip(40), static d => Assert.Equal("second", d.Silo));
    }

    [Fact]
    public async Task Two_silos_split_the_partitions_so_each_stream_is_consumed_by_one_of_them()
    {
        await using var environment = new StreamTestEnvironment { Partitions = 8 };
        await using var a = await StreamSilo.StartAsync(environment, "a");
        await using var b = await StreamSilo.StartAsync(environment, "b");
        environment.Cluster.Publish(a.Address, b.Address);

        var keys = Enumerable.Range(0, 40).Select(i => $"split-{i}").ToArray();
        await Task.WhenAll(keys.Select((key, i) => (i % 2 == 0 ? a : b).Grains.GetGrain<ITickSourceGrain>(key).Emit(0, 10)));

        await Eventually.TrueAsync(() => environment.Log.Deliveries.Count >= keys.Length * 10, "every tick was delivered");
        await Task.Delay(300);
        Assert.Equal(keys.Length * 10, environment.Log.Deliveries.Count);
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 10), environment.Log.NumbersOf(key));
            Assert.Single(environment.Log.Deliveries.Where(d => d.Key == key).Select(static d => d.Silo).Distinct());
        }

        Assert.Equal(["a", "b"], environment.Log.Deliveries.Select(static d => d.Silo).Distinct().Order());
    }

    [Fact]
    public async Task When_a_silo_leaves_the_survivor_takes_over_its_partitions()
    {
        await using var environment = new StreamTestEnvironment { Partitions = 8 };
        await using var a = await StreamSilo.StartAsync(environment, "a");
        var b = await StreamSilo.StartAsync(environment, "b");
        environment.Cluster.Publish(a.Address, b.Address);
        var keys = Enumerable.Range(0, 30).Select(i => $"move-{i}").ToArray();
        await Task.WhenAll(keys.Select(key => a.Grains.GetGrain<ITickSourceGrain>(key).Emit(0, 5)));
        await Eventually.TrueAsync(() => environment.Log.Deliveries.Count >= keys.Length * 5, "the first ticks were delivered");

        environment.Cluster.Publish(a.Address);
        await b.DisposeAsync();
        await Task.WhenAll(keys.Select(key => a.Grains.GetGrain<ITickSourceGrain>(key).Emit(5, 5)));

        await Eventually.TrueAsync(() => keys.All(k => environment.Log.NumbersOf(k).Contains(9)), "the later ticks were delivered");
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 10), environment.Log.NumbersOf(key).Distinct());
            Assert.All(environment.Log.Deliveries.Where(d => d.Key == key && d.Number >= 5), static d => Assert.Equal("a", d.Silo));
        }
    }

    [Fact]
    public async Task A_poison_event_is_retried_with_backoff_then_dead_lettered_with_its_error_and_its_stream_moves_on()
    {
        await using var environment = new StreamTestEnvironment();
        await using var silo = await StreamSilo.StartAsync(environment, "a");
        environment.Cluster.Publish(silo.Address);
        var source = silo.Grains.GetGrain<ITickSourceGrain>("poisoned");

        await source.Emit(0, 1);
        await source.EmitPoison(1);
        await source.Emit(2, 1);

        await Eventually.TrueAsync(() => environment.Log.NumbersOf("poisoned").Contains(2), "the tick after the poison was delivered");
        Assert.Equal([0, 2], environment.Log.NumbersOf("poisoned"));
        Assert.Equal(1 + RabbitMqStreamOptions.DefaultPoisonRetries, environment.Log.FailedAttempts(1));
        var letter = Assert.Single(await environment.TakeDeadLettersAsync());
        var headers = letter.BasicProperties.Headers!;
        Assert.Contains("tick 1 is poison", System.Text.Encoding.UTF8.GetString((byte[])headers["pb-error"]!));
        Assert.Equal(4, Convert.ToInt32(headers["pb-attempts"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("poisoned", System.Text.Encoding.UTF8.GetString((byte[])headers["pb-key"]!));
    }

    [Fact]
    public async Task A_delivery_that_fails_for_an_outage_is_retried_past_the_poison_limit_and_never_dead_lettered()
    {
        await using var environment = new StreamTestEnvironment();
        await using var silo = await StreamSilo.StartAsync(environment, "a");
        environment.Cluster.Publish(silo.Address);
        var outages = RabbitMqStreamOptions.DefaultPoisonRetries + 3;

        await silo.Grains.GetGrain<ITickSourceGrain>("outage").EmitDuringOutage(0, outages);

        await Eventually.TrueAsync(() => environment.Log.NumbersOf("outage").Length == 1, "the tick was delivered after the outage");
        Assert.Equal(outages, environment.Log.FailedAttempts(0));
        Assert.Empty(await environment.TakeDeadLettersAsync());
    }

    [Fact]
    public async Task Events_written_while_the_broker_connection_is_lost_are_delivered_once_it_is_back()
    {
        if (!StreamTestEnvironment.LocalBroker)
        {
            return; // Closing connections is for the local broker only; another one is not ours to disturb.
        }

        await using var environment = new StreamTestEnvironment();
        await using var silo = await StreamSilo.StartAsync(environment, "a");
        environment.Cluster.Publish(silo.Address);
        var source = silo.Grains.GetGrain<ITickSourceGrain>("outage");
        await source.Emit(0, 10);
        await Eventually.TrueAsync(() => environment.Log.Deliveries.Count == 10, "the ticks before the outage were delivered");

        Assert.True(await environment.CloseBrokerConnectionsAsync() > 0, "the silo's broker connection was found and closed");
        await source.Emit(10, 10);

        await Eventually.TrueAsync(() => environment.Log.NumbersOf("outage").Contains(19), "the ticks written during the outage were delivered");
        Assert.Equal(Enumerable.Range(0, 20), environment.Log.NumbersOf("outage").Distinct());
    }
}
