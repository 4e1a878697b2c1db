using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class StreamDeliveryTests
{
    [Theory]
    [InlineData(StorageKind.Memory)]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Events_reach_the_implicit_subscriber_in_order_per_key(StorageKind storage)
    {
        await using var silo = await TestSilo.StartAsync(o => o.Storage = storage);
        var keys = Enumerable.Range(0, 20).Select(i => $"acct-{Guid.NewGuid():N}-{i}").ToArray();

        await Task.WhenAll(keys.Select(async key =>
        {
            var account = silo.Grains.GetGrain<IAccountGrain>(key);
            for (var n = 1; n <= 25; n++)
            {
                await account.Deposit(n, 1);
            }
        }));

        foreach (var key in keys)
        {
            var ledger = silo.Grains.GetGrain<ILedgerGrain>(key);
            await Eventually.TrueAsync(async () => (await ledger.Read()).Numbers.Count == 25, $"ledger {key} has all 25 deposits");
            Assert.Equal(Enumerable.Range(1, 25), (await ledger.Read()).Numbers);
            Assert.Equal(25, await silo.Grains.GetGrain<IAccountGrain>(key).Balance());
        }
    }

    [Fact]
    public async Task An_event_published_without_state_is_delivered_too()
    {
        await using var silo = await TestSilo.StartAsync(o => o.Storage = StorageKind.Sqlite);

        await silo.Grains.GetGrain<IAccountGrain>("announcer").Announce(7);

        var ledger = silo.Grains.GetGrain<ILedgerGrain>("announcer");
        await Eventually.TrueAsync(async () => (await ledger.Read()).Numbers.SequenceEqual([7]), "the announcement arrived");
    }

    [Fact]
    public async Task A_failing_event_is_retried_with_backoff_and_holds_back_only_its_own_stream()
    {
        await using var silo = await TestSilo.StartAsync(o => o.Storage = StorageKind.Sqlite);
        var failing = silo.Grains.GetGrain<IAccountGrain>("failing");
        await failing.Deposit(1, -5);
        await failing.Deposit(2, 1);
        await silo.Grains.GetGrain<IAccountGrain>("healthy").Deposit(1, 1);

        var healthyLedger = silo.Grains.GetGrain<ILedgerGrain>("healthy");
        await Eventually.TrueAsync(async () => (await healthyLedger.Read()).Numbers.Count == 1, "the healthy stream is delivered");
        await Eventually.TrueAsync(() => silo.Probe.Count("ledger.reject.1") == 1, "the first attempt failed");

        var failingLedger = silo.Grains.GetGrain<ILedgerGrain>("failing");
        Assert.Empty((await failingLedger.Read()).Numbers);

        // Backoff is 1 s then 2 s on the silo's clock; move it until the third attempt succeeds.
        for (var attempt = 0; attempt < 20 && (await failingLedger.Read()).Numbers.Count < 2; attempt++)
        {
            silo.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(100);
        }

        await Eventually.TrueAsync(async () => (await failingLedger.Read()).Numbers.Count == 2, "the failing stream recovers");
        Assert.Equal([1, 2], (await failingLedger.Read()).Numbers);
        Assert.Equal(3, silo.Probe.Count("ledger.reject.1"));
    }
}
