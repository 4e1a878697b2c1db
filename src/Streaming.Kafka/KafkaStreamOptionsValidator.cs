using Orleans;
using Orleans.Runtime;

namespace Playbound.Streaming.Kafka;

/// <summary>Fails silo or client start when a Kafka stream provider's <see cref="KafkaStreamOptions"/> cannot work.</summary>
public sealed class KafkaStreamOptionsValidator : IConfigurationValidator
{
    private readonly KafkaStreamOptions _options;
    private readonly string _name;

    /// <summary>Validates <paramref name="options"/> of the provider named <paramref name="name"/>.</summary>
    public KafkaStreamOptionsValidator(KafkaStreamOptions options, string name)
    {
        _options = options;
        _name = name;
    }

    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(_options.BootstrapServers))
        {
            Fail($"{nameof(KafkaStreamOptions.BootstrapServers)} is required");
        }

        if (string.IsNullOrWhiteSpace(_options.Topic))
        {
            Fail($"{nameof(KafkaStreamOptions.Topic)} is required");
        }

        if (_options.Partitions < 1)
        {
            Fail($"{nameof(KafkaStreamOptions.Partitions)} must be at least 1, was {_options.Partitions}");
        }

        if (_options.DeadLetterTopic is not null && string.IsNullOrWhiteSpace(_options.DeadLetterTopic))
        {
            Fail($"{nameof(KafkaStreamOptions.DeadLetterTopic)} must be null (derived from the topic) or a topic name");
        }

        // Dead letters written into the event topic would be read again as events.
        if (string.Equals(_options.ResolveDeadLetterTopic(), _options.Topic, StringComparison.Ordinal))
        {
            Fail($"{nameof(KafkaStreamOptions.DeadLetterTopic)} must differ from {nameof(KafkaStreamOptions.Topic)}");
        }

        if (_options.ProducerLinger < TimeSpan.Zero || _options.ConsumerFetchWaitMax < TimeSpan.Zero || _options.OperationTimeout <= TimeSpan.Zero)
        {
            Fail("time spans must not be negative and the operation timeout must be positive");
        }
    }

    private void Fail(string reason) =>
        throw new OrleansConfigurationException($"Kafka stream provider '{_name}': {reason}.");
}
