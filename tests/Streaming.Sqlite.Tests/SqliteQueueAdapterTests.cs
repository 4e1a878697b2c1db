using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using Playbound.TestKit.Streaming;

namespace Playbound.Streaming.Sqlite.Tests;

public sealed class SqliteQueueAdapterTests : QueueAdapterConformance, IAsyncLifetime
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(SqliteQueueAdapterFactory).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"queues-{Guid.NewGuid():N}.db");
    private readonly List<SqliteQueueAdapterFactory> _factories = [];

    /// <summary>A factory over this test's database, as a silo (re)starting would build it.</summary>
    protected override Task<IQueueAdapterFactory> CreateFactoryAsync()
    {
        var factory = CreateFactory(_databasePath);
        _factories.Add(factory);
        return Task.FromResult<IQueueAdapterFactory>(factory);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }

    internal static SqliteQueueAdapterFactory CreateFactory(string databasePath, TimeSpan? appendWait = null) => new(
        "test",
        new SqliteStreamOptions { DatabasePath = databasePath, AppendWait = appendWait ?? SqliteStreamOptions.DefaultAppendWait },
        new HashRingStreamQueueMapperOptions { TotalQueueCount = 4 },
        new SimpleQueueCacheOptions(),
        Serializer,
        NullLoggerFactory.Instance);
}
