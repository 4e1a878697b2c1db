using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>
/// The conformance suite on <see cref="PostgresGrainStorage"/>, in a fresh schema per test. Needs the server of
/// scripts/ensure-postgres.sh (or <c>PLAYBOUND_TEST_POSTGRES</c>); fails when it is unreachable.
/// </summary>
public sealed class PostgresGrainStorageTests : GrainStorageConformanceTests
{
    private readonly string _schema = PostgresTestDatabase.NewSchema();
    private bool _reachable;

    public override async Task InitializeAsync()
    {
        await PostgresTestDatabase.EnsureReachableAsync();
        _reachable = true;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_reachable)
        {
            await PostgresTestDatabase.DropSchemaAsync(_schema);
        }
    }

    protected override Task<IGrainStorage> CreateProviderAsync() => Task.FromResult<IGrainStorage>(CreateProvider());

    [Fact]
    public async Task Several_processes_creating_the_schema_at_once_all_succeed()
    {
        var providers = new List<IGrainStorage>();
        for (var i = 0; i < 6; i++)
        {
            providers.Add(await OpenAsync());
        }

        // Each provider has its own data source, like separate silos starting together against an empty database.
        await Task.WhenAll(providers.Select((storage, i) => storage.WriteStateAsync(
            "counter", new GrainId("counter", $"p{i}"), new TestGrainState<CounterState>(new(i)), [], default))).WaitAsync(Timeout);

        for (var i = 0; i < providers.Count; i++)
        {
            Assert.Equal(i, (await ReadCounterAsync(providers[0], new GrainId("counter", $"p{i}"))).State.Value);
        }
    }

    [Fact]
    public async Task A_batch_whose_transaction_fails_fails_every_operation_and_stores_nothing()
    {
        var storage = CreateProvider(PostgresTestDatabase.ConnectionString + ";Command Timeout=1");
        await using var _ = storage;
        var ids = Enumerable.Range(0, 3).Select(i => new GrainId("counter", $"f{i}")).ToArray();
        await ReadCounterAsync(storage, ids[0]);

        await using (var blocker = new NpgsqlConnection(PostgresTestDatabase.ConnectionString))
        {
            await blocker.OpenAsync();
            await using var lockHolder = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand($"LOCK TABLE \"{_schema}\".grain_state IN ACCESS EXCLUSIVE MODE", blocker, lockHolder))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            var release = storage.HoldWriter();
            var writes = ids
                .Select(id => storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new(1)), [NewEvent(id.Key)], default))
                .ToArray();
            release();
            foreach (var write in writes)
            {
                await Assert.ThrowsAnyAsync<NpgsqlException>(() => write.WaitAsync(Timeout));
            }

            await lockHolder.RollbackAsync();
        }

        await AssertFailedBatchStoredNothingAsync(storage, ids);
    }

    private PostgresGrainStorage CreateProvider(string? connectionString = null) => new(
        GrainStorageNames.Default,
        new PostgresGrainStorageOptions { ConnectionString = connectionString ?? PostgresTestDatabase.ConnectionString, Schema = _schema },
        Serializer,
        Signal,
        TimeProvider.System,
        NullLogger<PostgresGrainStorage>.Instance);
}
