using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

/// <summary>
/// The process the crash tests kill: `dotnet Playbound.Runtime.Tests.dll crash-host DATABASE ACCOUNTS DEPOSITS` deposits into
/// accounts on a SQLite silo, printing each acknowledged deposit, with slow stream consumers so the outbox fills up.
/// </summary>
public static class CrashHost
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["crash-host", var database, var accountsText, var depositsText])
        {
            await Console.Error.WriteLineAsync("usage: crash-host DATABASE ACCOUNTS DEPOSITS");
            return 2;
        }

        var probe = new Probe { DeliveryDelay = TimeSpan.FromMilliseconds(5) };
        var silo = await TestSilo.StartAsync(o =>
        {
            o.Storage = StorageKind.Sqlite;
            o.Database = database;
            o.Probe = probe;
        });
        Console.WriteLine("ready");
        await Task.WhenAll(Enumerable.Range(0, int.Parse(accountsText)).Select(async a =>
        {
            var account = silo.Grains.GetGrain<IAccountGrain>($"crash-{a}");
            for (var n = 1; n <= int.Parse(depositsText); n++)
            {
                await account.Deposit(n, 1);
                Console.WriteLine($"deposited crash-{a} {n}");
            }
        }));
        Console.WriteLine("done");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
