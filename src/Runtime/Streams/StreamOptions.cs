namespace Playbound.Runtime.Streams;

/// <summary>How the outbox relay delivers stream events.</summary>
public sealed class StreamOptions
{
    /// <summary>Default of <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 1000;

    /// <summary>Default of <see cref="MaxConcurrentStreams"/>.</summary>
    public const int DefaultMaxConcurrentStreams = 64;

    /// <summary>Default of <see cref="PollInterval"/>: one second.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="RetryBaseDelay"/>: one second.</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="RetryMaxDelay"/>: one minute.</summary>
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromMinutes(1);

    /// <summary>The most outbox events read per relay round.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>How many streams are delivered in parallel; events of one stream are always delivered one by one, in order.</summary>
    public int MaxConcurrentStreams { get; set; } = DefaultMaxConcurrentStreams;

    /// <summary>
    /// How often the relay looks at the outbox when nothing signalled new events. Writers signal the relay after
    /// each commit, so this only bounds delivery delay after a restart or a missed signal.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>The first delay before a failed event is retried; it doubles per failure.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>The longest delay between retries of a failing event.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;
}
