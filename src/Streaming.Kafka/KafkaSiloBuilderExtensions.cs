using Orleans.Hosting;

namespace Playbound.Streaming.Kafka;

/// <summary>Adds a Kafka stream provider to a silo.</summary>
public static class KafkaSiloBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> on Kafka: Orleans queues are the partitions of
    /// <see cref="KafkaStreamOptions.Topic"/>, pulled by Orleans' agents as its queue balancer assigns them.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="name">The stream provider's name, as grains ask for it.</param>
    /// <param name="configure">Sets the Kafka options (bootstrap servers, topic, partitions...).</param>
    /// <param name="configureStream">Optionally configures Orleans' side (pulling agent, cache, pub-sub, balancer).</param>
    public static ISiloBuilder AddKafkaStreams(
        this ISiloBuilder builder,
        string name,
        Action<KafkaStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        builder.Services.AddKafkaStreamOptions(name, configure);
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, configureStream ?? (_ => { }));
    }
}
