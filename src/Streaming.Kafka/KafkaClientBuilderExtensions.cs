using Orleans.Hosting;

namespace Playbound.Streaming.Kafka;

/// <summary>Adds a Kafka stream provider to an Orleans client, so it can publish without a grain hop.</summary>
public static class KafkaClientBuilderExtensions
{
    /// <summary>Adds stream provider <paramref name="name"/> on Kafka to the client; it must match the silos' options.</summary>
    /// <param name="builder">The client.</param>
    /// <param name="name">The stream provider's name.</param>
    /// <param name="configure">Sets the Kafka options.</param>
    /// <param name="configureStream">Optionally configures Orleans' side.</param>
    public static IClientBuilder AddKafkaStreams(
        this IClientBuilder builder,
        string name,
        Action<KafkaStreamOptions> configure,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        builder.Services.AddKafkaStreamOptions(name, configure);
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, configureStream ?? (_ => { }));
    }
}
