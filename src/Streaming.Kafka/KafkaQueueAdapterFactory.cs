using System.Diagnostics.Metrics;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Builds the named Kafka stream provider's parts for Orleans' persistent stream runtime: one queue per partition,
/// Orleans' simple cache, a failure handler that dead-letters, and one idempotent producer shared by the adapter
/// and the receivers' dead-lettering.
/// </summary>
public sealed class KafkaQueueAdapterFactory : IQueueAdapterFactory, IDisposable
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly Serializer _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly HashRingBasedPartitionedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly KafkaReceiverRegistry _receivers = new();
    private readonly Lock _lock = new();
    private IProducer<byte[], byte[]>? _producer;
    private KafkaQueueAdapter? _adapter;
    private bool _disposed;
    private readonly KafkaStreamMetrics? _metrics;

    /// <summary>Creates the factory of provider <paramref name="name"/>; Orleans calls <see cref="Create"/> instead.</summary>
    public KafkaQueueAdapterFactory(
        string name,
        KafkaStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        Serializer serializer,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        IMeterFactory? meterFactory = null)
    {
        _name = name;
        _options = options;
        _serializer = serializer;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        var partitions = Enumerable.Range(0, options.Partitions).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
        _mapper = new HashRingBasedPartitionedStreamQueueMapper(partitions, options.Topic);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
        _metrics = meterFactory is null ? null : new KafkaStreamMetrics(meterFactory, _receivers);
    }

    /// <summary>The factory method handed to <c>AddPersistentStreams</c>: reads the provider's named options from DI.</summary>
    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new(
            name,
            services.GetOptionsByName<KafkaStreamOptions>(name),
            services.GetOptionsByName<SimpleQueueCacheOptions>(name),
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<IMeterFactory>());

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_adapter is null)
            {
                var logger = _loggerFactory.CreateLogger<KafkaQueueAdapterFactory>();
                _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.ForProducer(_options))
                    .SetErrorHandler((_, error) => logger.ClientError(_options.Topic, error.Reason))
                    .Build();
                var deadLetters = new KafkaDeadLetterWriter(_producer, _options.ResolveDeadLetterTopic(), _timeProvider, _metrics);
                _adapter = new KafkaQueueAdapter(_name, _options, _mapper, _serializer, _producer, deadLetters, _receivers, _loggerFactory);
            }

            return Task.FromResult<IQueueAdapter>(_adapter);
        }
    }

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>The topic whose partitions are this provider's queues.</summary>
    public string Topic => _options.Topic;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(
            new KafkaStreamFailureHandler(queueId, _receivers, _loggerFactory.CreateLogger<KafkaStreamFailureHandler>()));

    /// <summary>Flushes what the producer still buffers (bounded by the operation timeout) and releases it.</summary>
    public void Dispose()
    {
        IProducer<byte[], byte[]>? producer;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            producer = _producer;
        }

        if (producer is not null)
        {
            producer.Flush(_options.OperationTimeout);
            producer.Dispose();
        }
    }
}
