using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Sqlite;
using Xunit.Abstractions;

namespace Playbound.Grains.Tests.Stores;

/// <summary>The conformance suite on SQLite, one database file in a fresh temp directory per test.</summary>
public class SqliteSocialStoreTests(ITestOutputHelper output) : SocialStoreTests(output)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playbound-tests", Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override void AddStores(IServiceCollection services) =>
        services.AddSqliteSocialStores(options => options.DataDirectory = Path.Combine(_directory, "nested"));

    [Fact]
    public async Task Creates_social_db_under_the_data_directory_in_wal_mode()
    {
        await Db.Users.GetCountsAsync("1", default);

        var file = Path.Combine(_directory, "nested", SqliteSocialStoreOptions.DefaultFileName);
        Assert.Equal(file, Db.Provider.GetRequiredService<SqliteSocialDatabase>().FilePath);
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_checkpoint_service_copies_committed_pages_into_the_file_long_before_the_log_fills()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSqliteSocialStores(options =>
        {
            options.DataDirectory = Path.Combine(_directory, "checkpointed");
            options.CheckpointPages = 1_000_000;
            options.CheckpointInterval = TimeSpan.FromMilliseconds(50);
        });
        await using var provider = services.BuildServiceProvider();
        var database = provider.GetRequiredService<SqliteSocialDatabase>();
        var users = provider.GetRequiredService<IUserDirectory>();
        await users.GetCountsAsync("1", default);
        var fileLength = new FileInfo(database.FilePath).Length;
        for (var i = 1; i <= 300; i++)
        {
            await users.UpsertAsync(new UserRecord($"{i}", $"user{i}", new string('x', 200), "", Epoch), default);
        }

        Assert.Equal(fileLength, new FileInfo(database.FilePath).Length);
        var service = provider.GetServices<IHostedService>().OfType<SqliteCheckpointService>().Single();
        await service.StartAsync(default);
        await Eventually.TrueAsync(() => new FileInfo(database.FilePath).Length > fileLength, "the users' pages reached the file");
        await service.StopAsync(default);

        var (logPages, checkpointedPages) = await database.CheckpointAsync(default);
        Assert.True(logPages > 0);
        Assert.Equal(logPages, checkpointedPages);
    }
}
