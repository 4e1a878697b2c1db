using Orleans.Runtime;
using Playbound.Persistence.Sqlite;

namespace Playbound.Streaming.Sqlite.Tests;

public sealed class UnreadableRowTests : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"unreadable-{Guid.NewGuid():N}.db");
    private SqliteQueueAdapterFactory _factory = null!;

    [Fact]
    public async Task A_row_that_cannot_be_deserialized_is_dead_lettered_and_the_rows_after_it_are_read()
    {
        var adapter = await _factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("probe", Guid.NewGuid());
        var queue = _factory.GetStreamQueueMapper().GetQueueForStream(stream);
        await adapter.QueueMessageBatchAsync(stream, [1], null, null);
        await InsertRawRowAsync(queue.ToString(), stream, [0xde, 0xad, 0xbe, 0xef]);
        await adapter.QueueMessageBatchAsync(stream, [2], null, null);

        var receiver = adapter.CreateReceiver(queue);
        var read = new List<int>();
        await Eventually.TrueAsync(async () =>
        {
            read.AddRange((await receiver.GetQueueMessagesAsync(100, CancellationToken.None)).SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));
            return read.Count >= 2;
        }, "both readable rows were read");

        Assert.Equal([1, 2], read);
        var letter = Assert.Single(await _factory.Store.ReadDeadLettersAsync());
        Assert.Equal(stream, letter.StreamId);
        Assert.StartsWith("unreadable:", letter.Error);
        Assert.Equal([0xde, 0xad, 0xbe, 0xef], letter.Payload);
    }

    public Task InitializeAsync()
    {
        _factory = SqliteQueueAdapterTests.CreateFactory(_databasePath);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    private async Task InsertRawRowAsync(string queueId, StreamId stream, byte[] payload)
    {
        await using var connection = await SqliteConnections.OpenAsync(_databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO stream_queue (queue_id, stream_namespace, stream_key, payload, enqueued_at)
            VALUES ($queue, $namespace, $key, $payload, 0)
            """;
        command.Parameters.AddWithValue("$queue", queueId);
        command.Parameters.AddWithValue("$namespace", stream.GetNamespace());
        command.Parameters.AddWithValue("$key", stream.GetKeyAsString());
        command.Parameters.AddWithValue("$payload", payload);
        await command.ExecuteNonQueryAsync();
    }
}
