using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Playbound.Streaming.Kafka;

namespace Playbound.Hosting;

/// <summary>Where cluster mode's events go: <c>Playbound:Streams:Kafka</c>, bound onto <see cref="KafkaStreamOptions"/>.</summary>
public static class StreamSettings
{
    /// <summary>The configuration section of the Kafka stream provider.</summary>
    public const string KafkaSection = "Playbound:Streams:Kafka";

    /// <summary>The default topic of Playbound's events.</summary>
    public const string DefaultTopic = "playbound-events";

    /// <summary>
    /// How often a pulling agent looks at its queue when the last look found nothing. Orleans' default (100 ms) is
    /// most of a push's latency; a look is one indexed query (SQLite) or a read of what librdkafka already fetched.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long a pulling agent keeps a stream it has seen no event on. Orleans' default is 30 minutes, and every look at
    /// a queue walks all the streams the agent keeps (it holds reads while one of them registers). Playbound has a
    /// stream per user in several namespaces, so after a burst of follows an agent kept tens of thousands of them and
    /// the silos spent a tenth to a fifth of a core each on the walk, idle. A stream that comes back registers again: for implicit
    /// subscriptions, without storage.
    /// </summary>
    public static readonly TimeSpan StreamInactivityPeriod = TimeSpan.FromMinutes(2);

    /// <summary>Playbound's pulling agent settings, the same for both providers.</summary>
    public static void ConfigurePullingAgent(StreamPullingAgentOptions options)
    {
        options.GetQueueMsgsTimerPeriod = PollInterval;
        options.StreamInactivityPeriod = StreamInactivityPeriod;
    }

    /// <summary>Applies <see cref="KafkaSection"/> to <paramref name="options"/>, with <see cref="DefaultTopic"/> when none is set.</summary>
    public static void BindKafka(IConfiguration configuration, KafkaStreamOptions options)
    {
        configuration.GetSection(KafkaSection).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            options.Topic = DefaultTopic;
        }
    }
}
