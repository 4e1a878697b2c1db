using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains;
using Playbound.Grains.Realtime;
using Playbound.Runtime.Resilience;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>Grains push through the publisher whatever the broker does: pushes it cannot send are dropped and logged.</summary>
public sealed class PublisherTests
{
    [Fact]
    public async Task Without_a_broker_pushes_neither_throw_nor_block_and_the_drop_is_logged()
    {
        var options = TestBroker.IsolatedOptions();
        options.Uri = "amqp://guest:guest@127.0.0.1:1/";
        var logger = new RecordingLogger();
        using var publisher = new RabbitMqRealtimePublisher(Options.Create(options), TestBroker.Circuits(), logger);
        await publisher.StartAsync(CancellationToken.None);

        for (var i = 0; i < 3 * options.PublishQueueCapacity; i++)
        {
            publisher.PushToUsers(["alice"], RealtimeMethods.FeedPost, new { i });
            publisher.PushToPostWatchers(new PostCounts("p1", i, 0));
        }

        await TestBroker.EventuallyAsync(() => logger.Has(4105) && logger.Has(4102), "the drop and the unreachable broker are logged");
        await publisher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Pushes_that_find_no_broker_open_the_broker_circuit()
    {
        var options = TestBroker.IsolatedOptions();
        options.Uri = "amqp://guest:guest@127.0.0.1:1/";
        var circuits = TestBroker.Circuits();
        using var publisher = new RabbitMqRealtimePublisher(Options.Create(options), circuits, new RecordingLogger());
        await publisher.StartAsync(CancellationToken.None);

        for (var i = 0; i < 2 * DependencyCircuitOptions.DefaultMinimumThroughput; i++)
        {
            publisher.PushToUsers(["alice"], RealtimeMethods.FeedPost, new { i });
        }

        await TestBroker.EventuallyAsync(() => circuits.Get(DependencyCircuits.Broker).IsOpen, "the broker circuit is open");
        await publisher.StopAsync(CancellationToken.None);
    }

    private sealed class RecordingLogger : ILogger<RabbitMqRealtimePublisher>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _events = new();

        public bool Has(int eventId) => _events.ContainsKey(eventId);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _events.AddOrUpdate(eventId.Id, 1, static (_, n) => n + 1);
    }
}
