using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class CrashRecoveryTests
{
    private const int Accounts = 10;
    private const int Deposits = 2000;

    [Fact]
    public async Task After_a_kill_between_state_write_and_delivery_every_event_is_delivered_and_counted_exactly_once()
    {
        var database = TestDatabases.NewName();
        var acknowledged = await RunAndKillAsync(database, killAfter: 400);

        var pending = await CountPendingEventsAsync(database);
        Assert.True(pending > 0, "the kill must leave events in the outbox, or this test proves nothing");
        Assert.True(acknowledged.Values.Sum() < Accounts * Deposits, "the kill must come before the host finished");

        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.Storage = StorageKind.Sqlite;
            o.Database = database;
        });
        for (var a = 0; a < Accounts; a++)
        {
            var key = $"crash-{a}";
            var balance = await silo.Grains.GetGrain<IAccountGrain>(key).Balance();
            var acked = acknowledged.GetValueOrDefault(key);

            // Acknowledged deposits must have committed; the host may have got further than the output we read.
            Assert.InRange(balance, acked, Deposits);
            var ledger = silo.Grains.GetGrain<ILedgerGrain>(key);
            await Eventually.TrueAsync(async () => (await ledger.Read()).Total == balance, $"ledger {key} caught up with balance {balance}");
            Assert.Equal(Enumerable.Range(1, balance), (await ledger.Read()).Numbers);
        }
    }

    private static async Task<Dictionary<string, int>> RunAndKillAsync(string database, int killAfter)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(CrashHost).Assembly.Location, "crash-host", database, $"{Accounts}", $"{Deposits}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var acknowledged = new Dictionary<string, int>();
        var lines = 0;
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("deposited ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    acknowledged[parts[1]] = int.Parse(parts[2]);
                    if (++lines >= killAfter)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.True(lines >= killAfter, $"the crash host stopped early: {await process.StandardError.ReadToEndAsync()}");
        return acknowledged;
    }

    private static async Task<int> CountPendingEventsAsync(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSqliteGrainStorage(o => o.DataDirectory = TestDatabases.SqliteDirectory(database));
        await using var provider = services.BuildServiceProvider();
        var outbox = provider.GetRequiredService<IOutboxStore>();
        return (await outbox.ReadPendingAsync(100_000, CancellationToken.None)).Count;
    }
}
