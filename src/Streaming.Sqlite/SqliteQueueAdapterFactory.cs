using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite;

/// <summary>Builds the adapter, cache, queue mapper and failure handler of one SQLite stream provider.</summary>
public sealed class SqliteQueueAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly string _name;
    private readonly SqliteStreamOptions _options;
    private readonly Serializer<SqliteBatchContainer> _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly SqliteStreamMetrics? _metrics;

    /// <summary>Creates the factory of provider <paramref name="name"/>.</summary>
    public SqliteQueueAdapterFactory(
        string name,
        SqliteStreamOptions options,
        HashRingStreamQueueMapperOptions queueMapperOptions,
        SimpleQueueCacheOptions cacheOptions,
        Serializer serializer,
        ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null)
    {
        _name = name;
        _options = options;
        _serializer = serializer.GetSerializer<SqliteBatchContainer>();
        _loggerFactory = loggerFactory;
        _mapper = new HashRingBasedStreamQueueMapper(queueMapperOptions, name);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
        Store = new SqliteQueueStore(options, loggerFactory.CreateLogger<SqliteQueueStore>());
        _metrics = meterFactory is null ? null : new SqliteStreamMetrics(meterFactory, Store, _mapper.GetAllQueues(), timeProvider ?? TimeProvider.System);
    }

    /// <summary>The provider's queue and dead-letter tables.</summary>
    public SqliteQueueStore Store { get; }

    /// <summary>Creates the factory of provider <paramref name="name"/> from its named options.</summary>
    public static SqliteQueueAdapterFactory Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<SqliteQueueAdapterFactory>(
            services,
            name,
            services.GetRequiredService<IOptionsMonitor<SqliteStreamOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<HashRingStreamQueueMapperOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name));

    /// <inheritdoc />
    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new SqliteQueueAdapter(_name, Store, _mapper, _serializer, CreateReceiver));

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new SqliteStreamFailureHandler(Store, _loggerFactory.CreateLogger<SqliteStreamFailureHandler>(), queueId, _metrics));

    /// <summary>Commits whatever is still queued for the database.</summary>
    public ValueTask DisposeAsync() => Store.DisposeAsync();

    private SqliteQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new(queueId, Store, _options, _serializer, _loggerFactory.CreateLogger<SqliteQueueAdapterReceiver>(), _metrics);
}
