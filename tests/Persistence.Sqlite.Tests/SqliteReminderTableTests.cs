using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Playbound.Persistence.Sqlite;

namespace Playbound.Persistence.Sqlite.Tests;

public sealed class SqliteReminderTableTests
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"reminders-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Every_upsert_returns_a_new_etag_and_read_row_returns_what_was_written()
    {
        var table = await StartAsync();
        var entry = Reminder(Grain("a"), "daily");

        var first = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(7);
        entry.StartAt = entry.StartAt.AddHours(1);
        var second = await table.UpsertRow(entry);

        Assert.False(string.IsNullOrEmpty(first));
        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);
        var read = await table.ReadRow(entry.GrainId, "daily");
        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal("daily", read.ReminderName);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(7), read.Period);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task An_upsert_carrying_a_stale_etag_overwrites_the_row_as_orleans_defines_upsert()
    {
        var table = await StartAsync();
        var entry = Reminder(Grain("a"), "r");
        var stale = await table.UpsertRow(entry);
        await table.UpsertRow(entry);

        entry.ETag = stale;
        entry.Period = TimeSpan.FromMinutes(3);
        var latest = await table.UpsertRow(entry);

        var read = await table.ReadRow(entry.GrainId, "r");
        Assert.Equal(latest, read?.ETag);
        Assert.Equal(TimeSpan.FromMinutes(3), read?.Period);
        Assert.Single((await table.ReadRows(entry.GrainId)).Reminders);
    }

    [Fact]
    public async Task Remove_succeeds_only_with_the_current_etag()
    {
        var table = await StartAsync();
        var entry = Reminder(Grain("a"), "r");
        var stale = (await table.UpsertRow(entry))!;
        var current = (await table.UpsertRow(entry))!;

        Assert.False(await table.RemoveRow(entry.GrainId, "r", stale));
        Assert.False(await table.RemoveRow(entry.GrainId, "other-name", current));
        Assert.NotNull(await table.ReadRow(entry.GrainId, "r"));

        Assert.True(await table.RemoveRow(entry.GrainId, "r", current));
        Assert.Null(await table.ReadRow(entry.GrainId, "r"));
        Assert.False(await table.RemoveRow(entry.GrainId, "r", current));
    }

    [Fact]
    public async Task Read_row_of_a_missing_reminder_returns_null()
    {
        var table = await StartAsync();
        await table.UpsertRow(Reminder(Grain("a"), "present"));

        Assert.Null(await table.ReadRow(Grain("a"), "absent"));
        Assert.Null(await table.ReadRow(Grain("nobody"), "present"));
    }

    [Fact]
    public async Task Read_rows_of_a_grain_returns_its_reminders_only()
    {
        var table = await StartAsync();
        await table.UpsertRow(Reminder(Grain("a"), "one"));
        await table.UpsertRow(Reminder(Grain("a"), "two"));
        await table.UpsertRow(Reminder(Grain("b"), "one"));

        var rows = (await table.ReadRows(Grain("a"))).Reminders;
        Assert.Equal(["one", "two"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(Grain("a"), r.GrainId));
        Assert.Empty((await table.ReadRows(Grain("c"))).Reminders);
    }

    [Fact]
    public async Task Read_rows_of_a_range_excludes_begin_and_includes_end()
    {
        var (table, hashes) = await StartWithGrainsAsync(200);
        var begin = hashes[50];
        var end = hashes[150];

        var read = await ReadHashesAsync(table, begin, end);

        Assert.Equal(hashes.Where(h => h > begin && h <= end), read);
        Assert.DoesNotContain(begin, read);
        Assert.Contains(end, read);
    }

    [Fact]
    public async Task Read_rows_of_a_range_with_begin_above_end_wraps_around_the_ring()
    {
        var (table, hashes) = await StartWithGrainsAsync(200);
        var begin = hashes[150];
        var end = hashes[50];

        var read = await ReadHashesAsync(table, begin, end);

        Assert.Equal(hashes.Where(h => h > begin || h <= end), read);
        Assert.Contains(hashes[0], read);
        Assert.Contains(hashes[^1], read);
        Assert.DoesNotContain(hashes[100], read);
    }

    [Fact]
    public async Task Read_rows_of_a_range_with_begin_equal_to_end_is_the_whole_ring()
    {
        var (table, hashes) = await StartWithGrainsAsync(100);

        Assert.Equal(hashes, await ReadHashesAsync(table, hashes[40], hashes[40]));
        Assert.Equal(hashes, await ReadHashesAsync(table, 0, 0));
    }

    [Fact]
    public async Task Hashes_above_int_max_value_compare_as_unsigned()
    {
        var (table, hashes) = await StartWithGrainsAsync(100);
        var upperHalf = hashes.Where(h => h > int.MaxValue).ToList();
        Assert.NotEmpty(upperHalf);

        Assert.Equal(upperHalf, await ReadHashesAsync(table, int.MaxValue, uint.MaxValue));
        Assert.Equal(hashes.Except(upperHalf), await ReadHashesAsync(table, uint.MaxValue, int.MaxValue));
    }

    [Fact]
    public async Task Rows_survive_closing_and_reopening_the_table_on_the_same_file()
    {
        var table = await StartAsync();
        var entry = Reminder(Grain("a"), "r");
        var etag = await table.UpsertRow(entry);
        await table.StopAsync();

        var reopened = await StartAsync();
        var read = await reopened.ReadRow(entry.GrainId, "r");
        Assert.Equal(etag, read?.ETag);
        Assert.Equal(entry.StartAt, read?.StartAt);
        Assert.True(await reopened.RemoveRow(entry.GrainId, "r", etag!));
    }

    [Fact]
    public async Task A_missing_directory_is_created_at_start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "playbound-tests", $"missing-{Guid.NewGuid():N}", "nested");
        var table = await StartAsync(Path.Combine(directory, "reminders.db"));

        await table.UpsertRow(Reminder(Grain("a"), "r"));

        Assert.True(File.Exists(Path.Combine(directory, "reminders.db")));
        Assert.NotNull(await table.ReadRow(Grain("a"), "r"));
    }

    [Fact]
    public async Task Concurrent_upserts_of_different_reminders_all_land()
    {
        var table = await StartAsync();
        var entries = Enumerable.Range(0, 100).Select(i => Reminder(Grain($"g{i % 20}"), $"r{i}")).ToList();

        var etags = await Task.WhenAll(entries.Select(e => Task.Run(() => table.UpsertRow(e))));

        Assert.Equal(100, etags.Distinct().Count());
        var rows = (await table.ReadRows(0, 0)).Reminders;
        Assert.Equal(entries.Select(e => e.ReminderName).Order(), rows.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Services_sharing_a_file_see_and_clear_only_their_own_reminders()
    {
        var mine = await StartAsync();
        var theirs = await StartAsync(serviceId: "other-service");
        await mine.UpsertRow(Reminder(Grain("a"), "r"));
        await theirs.UpsertRow(Reminder(Grain("b"), "r"));

        Assert.Equal([Grain("a")], (await mine.ReadRows(0, 0)).Reminders.Select(r => r.GrainId));
        Assert.Null(await theirs.ReadRow(Grain("a"), "r"));

        await mine.TestOnlyClearTable();
        Assert.Empty((await mine.ReadRows(0, 0)).Reminders);
        Assert.Single((await theirs.ReadRows(0, 0)).Reminders);
    }

    private async Task<SqliteReminderTable> StartAsync(string? databasePath = null, string serviceId = "test-service")
    {
        var table = new SqliteReminderTable(
            new SqliteReminderTableOptions { DatabasePath = databasePath ?? _databasePath }, serviceId, NullLogger<SqliteReminderTable>.Instance);
        await table.StartAsync();
        return table;
    }

    /// <summary>Starts a table holding one reminder for each of <paramref name="count"/> grains; their hashes sorted.</summary>
    private async Task<(SqliteReminderTable Table, List<uint> Hashes)> StartWithGrainsAsync(int count)
    {
        var table = await StartAsync();
        var grains = Enumerable.Range(0, count).Select(i => Grain($"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Reminder(grain, "r"));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        Assert.Equal(count, hashes.Distinct().Count());
        return (table, hashes);
    }

    private static async Task<List<uint>> ReadHashesAsync(SqliteReminderTable table, uint begin, uint end) =>
        (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order().ToList();

    private static GrainId Grain(string key) => GrainId.Create("remindable", key);

    private static ReminderEntry Reminder(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
        Period = TimeSpan.FromMinutes(1),
    };
}
