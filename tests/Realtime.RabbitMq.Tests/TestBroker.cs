using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Resilience;
using RabbitMQ.Client;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// The RabbitMQ the tests run against: <c>PLAYBOUND_TEST_RABBITMQ</c>, else the local one that scripts/ensure-rabbitmq.sh
/// starts. Each test gets exchanges of its own, so tests cannot see each other's pushes or presence.
/// </summary>
internal static class TestBroker
{
    public static readonly string Uri =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_RABBITMQ") is { Length: > 0 } uri ? uri : RabbitMqRealtimeOptions.DefaultUri;

    /// <summary>Options with fresh exchange names and short intervals, so expiry and recovery tests take about a second.</summary>
    public static RabbitMqRealtimeOptions IsolatedOptions()
    {
        var name = "test." + Guid.NewGuid().ToString("N");
        return new RabbitMqRealtimeOptions
        {
            Uri = Uri,
            Exchange = name + ".realtime",
            PresenceExchange = name + ".presence",
            PresenceSnapshotInterval = TimeSpan.FromMilliseconds(200),
            PresenceTtl = TimeSpan.FromSeconds(1),
            ReconnectInterval = TimeSpan.FromMilliseconds(500),
        };
    }

    /// <summary>Deletes a test's exchanges; the product never deletes them, so they would pile up in the local broker.</summary>
    public static async Task DeleteExchangesAsync(RabbitMqRealtimeOptions options)
    {
        await using var connection = await new ConnectionFactory { Uri = new System.Uri(Uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeleteAsync(options.Exchange);
        await channel.ExchangeDeleteAsync(options.PresenceExchange);
    }

    public static RealtimeNode Node(RabbitMqRealtimeOptions options, IRealtimeDelivery delivery) =>
        new(delivery, Options.Create(options), TimeProvider.System, NullLogger<RealtimeNode>.Instance);

    public static RabbitMqRealtimePublisher Publisher(RabbitMqRealtimeOptions options) =>
        new(Options.Create(options), Circuits(), NullLogger<RabbitMqRealtimePublisher>.Instance);

    /// <summary>A process's circuits with the broker circuit's own rules and defaults, as a silo registers them.</summary>
    public static DependencyCircuits Circuits() =>
        new ServiceCollection().AddDependencyCircuit<BrokerCircuitSetup>(DependencyCircuits.Broker)
            .BuildServiceProvider().GetRequiredService<DependencyCircuits>();

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static CancellationToken Timeout(int seconds = 10) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
