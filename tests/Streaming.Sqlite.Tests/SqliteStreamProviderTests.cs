using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Hosting;
using Playbound.Streaming.Sqlite.Hosting;
using Playbound.TestKit.Streaming;

namespace Playbound.Streaming.Sqlite.Tests;

public sealed class SqliteStreamProviderTests : StreamProviderConformance
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"streams-{Guid.NewGuid():N}.db");

    protected override void AddStreams(ISiloBuilder silo) =>
        silo.AddSqliteStreams(ProviderName, o => o.DatabasePath = _databasePath);

    protected override async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync()
    {
        await using var store = new SqliteQueueStore(new SqliteStreamOptions { DatabasePath = _databasePath }, NullLogger.Instance);
        return (await store.ReadDeadLettersAsync()).Select(letter => new DeadLetter(letter.StreamId, letter.Error)).ToList();
    }

    [Fact]
    public async Task Delivered_rows_leave_the_queue_table()
    {
        var key = Guid.NewGuid();
        await Cluster.Client.GetGrain<IProbePublisherGrain>(key).Publish(Enumerable.Range(0, 30).Select(n => new ProbeEvent(n)).ToArray());
        await Eventually.TrueAsync(() => ProbeLog.ReceivedOn(key).Count == 30, "30 events arrived");

        await Eventually.TrueAsync(async () => await CountQueuedAsync() == 0, "every delivered row was deleted");
    }

    private async Task<long> CountQueuedAsync()
    {
        await using var store = new SqliteQueueStore(new SqliteStreamOptions { DatabasePath = _databasePath }, NullLogger.Instance);
        return await store.CountUndeliveredAsync();
    }
}
