using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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

    [Fact]
    public async Task Keeps_the_home_feeds_in_feeds_db_beside_social_db_in_wal_mode()
    {
        var (author, follower) = (await NewUserAsync(), await NewUserAsync());
        var post = await NewPostAsync(author);
        await Db.Feeds.AddToFeedsAsync(post, author, [follower], default);

        var directory = Path.Combine(_directory, "nested");
        Assert.Equal(Path.Combine(directory, SqliteSocialStoreOptions.DefaultFeedFileName), Db.Provider.GetRequiredService<SqliteFeedDatabase>().FilePath);
        Assert.Equal("wal", await ScalarAsync<string>(Path.Combine(directory, SqliteSocialStoreOptions.DefaultFeedFileName), "PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync<long>(Path.Combine(directory, SqliteSocialStoreOptions.DefaultFeedFileName), "SELECT COUNT(*) FROM feed_entries"));
        Assert.Equal(0L, await ScalarAsync<long>(Path.Combine(directory, SqliteSocialStoreOptions.DefaultFileName), FeedTableCount));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_data_directory_from_before_feeds_db_has_its_feed_rows_moved_there(bool withRepostColumns)
    {
        var social = Path.Combine(_directory, "nested", SqliteSocialStoreOptions.DefaultFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(social)!);
        var repostColumns = withRepostColumns ? ", repost_of INTEGER, reposter_id INTEGER" : "";
        await ExecuteAsync(
            social,
            $"CREATE TABLE feed_entries (user_id INTEGER NOT NULL, post_id INTEGER NOT NULL, author_id INTEGER NOT NULL{repostColumns}, PRIMARY KEY (user_id, post_id)) WITHOUT ROWID;" +
            "INSERT INTO feed_entries (user_id, post_id, author_id) VALUES (7, 101, 3), (7, 102, 4), (8, 101, 3);");

        var entries = await Db.Feeds.GetEntriesAsync("7", 10, null, default);

        Assert.Equal([new FeedEntry("102", "4"), new FeedEntry("101", "3")], entries);
        Assert.Single(await Db.Feeds.GetEntriesAsync("8", 10, null, default));
        Assert.Equal(0L, await ScalarAsync<long>(social, FeedTableCount));
    }

    [Fact]
    public async Task Fan_out_and_a_requests_write_never_wait_for_each_others_file()
    {
        var (author, follower) = (await NewUserAsync(), await NewUserAsync());
        await FollowAsync(follower, author);
        var post = await NewPostAsync(author);
        await Db.Feeds.AddToFeedsAsync(post, author, [follower], default);
        var directory = Path.Combine(_directory, "nested");

        // Another writer holds feeds.db: the social file's writes go on.
        await using (var feedsWriter = await BeginWriteAsync(Path.Combine(directory, SqliteSocialStoreOptions.DefaultFeedFileName)))
        {
            await Db.Users.UpsertAsync(new UserRecord(author, "renamed", "Renamed", "", Epoch), default).WaitAsync(Patience);
        }

        // Another writer holds social.db: fan-out, which reads the follows there, goes on.
        await using (var socialWriter = await BeginWriteAsync(Path.Combine(directory, SqliteSocialStoreOptions.DefaultFileName)))
        {
            await Db.Feeds.BackfillFollowersAsync(author, 10, default).WaitAsync(Patience);
            await Db.Feeds.AddToFeedsAsync(NewId(), author, [follower], default).WaitAsync(Patience);
        }

        Assert.Equal(2, (await Db.Feeds.GetEntriesAsync(follower, 10, null, default)).Count);
    }

    [Fact]
    public void The_feeds_file_must_be_a_file_of_its_own()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSqliteSocialStores(options => (options.DataDirectory, options.FeedFileName) = (_directory, "SOCIAL.db"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<SqliteFeedDatabase>);
        Assert.Contains("FeedFileName", error.Message, StringComparison.Ordinal);
    }

    private const string FeedTableCount = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'feed_entries'";

    // Longer than any of these writes takes, far shorter than the busy timeout a write waiting for the other file's lock would sit out.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    protected override void AddStores(IServiceCollection services) =>
        services.AddSqliteSocialStores(options => (options.DataDirectory, options.BusyTimeout) = (Path.Combine(_directory, "nested"), TimeSpan.FromSeconds(30)));

    private static async Task<T> ScalarAsync<T>(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection of another writer, holding <paramref name="file"/>'s write lock until disposed (rolled back).</summary>
    private static async Task<SqliteConnection> BeginWriteAsync(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
