using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using Playbound.Persistence.Sqlite;

namespace Playbound.Persistence.Sqlite.Tests;

/// <summary>A grain with one reminder it can start, stop and look up.</summary>
[Alias("playbound.tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(TimeSpan period);

    [Alias("Stop")]
    Task Stop();

    [Alias("IsRegistered")]
    Task<bool> IsRegistered();
}

internal sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    /// <summary>Ticks received per grain key; static so they are seen across silos and whatever activation got them.</summary>
    public static readonly ConcurrentDictionary<string, int> Ticks = new();

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task Stop()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<bool> IsRegistered() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}

public sealed class SiloReminderTests : IAsyncLifetime
{
    // Orleans refuses reminder periods under ReminderOptions.MinimumReminderPeriod (1 minute by default); the silos
    // here lower it so a test sees several ticks in seconds.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"silo-reminders-{Guid.NewGuid():N}.db");

    // The table keys rows by service id, and the test cluster draws a new one per builder: restarts must reuse it.
    private readonly string _serviceId = $"reminders-{Guid.NewGuid():N}";
    private readonly string _grainKey = Guid.NewGuid().ToString("N");
    private InProcessTestCluster _cluster = null!;

    [Fact]
    public async Task A_reminder_ticks_and_ticks_again_on_a_new_silo_over_the_same_file_without_being_called()
    {
        await _cluster.Client.GetGrain<IReminderProbeGrain>(_grainKey).Start(Period);
        await Eventually.TrueAsync(() => TicksSoFar() >= 2, "the reminder ticked twice");

        await _cluster.DisposeAsync();
        var ticksBeforeRestart = TicksSoFar();
        _cluster = await StartClusterAsync();

        // No call to the grain: only the reminder service, reading the SQLite table, can activate it now.
        await Eventually.TrueAsync(() => TicksSoFar() > ticksBeforeRestart, "the restarted silo delivered a tick");
        Assert.True(await _cluster.Client.GetGrain<IReminderProbeGrain>(_grainKey).IsRegistered());
    }

    [Fact]
    public async Task Unregistering_a_reminder_removes_it_from_the_table_for_good()
    {
        var grain = _cluster.Client.GetGrain<IReminderProbeGrain>(_grainKey);
        await grain.Start(Period);
        var table = await OpenTableAsync();
        Assert.True(await grain.IsRegistered());
        Assert.Single((await table.ReadRows(0, 0)).Reminders);

        await grain.Stop();

        Assert.False(await grain.IsRegistered());
        Assert.Empty((await table.ReadRows(0, 0)).Reminders);

        await _cluster.DisposeAsync();
        _cluster = await StartClusterAsync();
        Assert.False(await _cluster.Client.GetGrain<IReminderProbeGrain>(_grainKey).IsRegistered());
    }

    public async Task InitializeAsync() => _cluster = await StartClusterAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private int TicksSoFar() => ReminderProbeGrain.Ticks.GetValueOrDefault(_grainKey);

    /// <summary>The silo's table, opened beside it as another reader of the same file and service.</summary>
    private async Task<SqliteReminderTable> OpenTableAsync()
    {
        var table = new SqliteReminderTable(new SqliteReminderTableOptions { DatabasePath = _databasePath }, _serviceId, NullLogger<SqliteReminderTable>.Instance);
        await table.StartAsync();
        return table;
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) => silo
            .UseSqliteReminderService(o => o.DatabasePath = _databasePath)
            .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = Period));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
