using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Sqlite;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests.Stores;

/// <summary>The embedded home feeds in <c>feeds.db</c>, a file of their own beside <c>social.db</c>.</summary>
public sealed class SqliteFeedFileTests : IAsyncDisposable
{
    // Longer than any of these writes takes, far shorter than the busy timeout a write waiting for the other file's lock would sit out.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private static readonly DateTimeOffset Epoch = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private readonly string _directory = TestDatabases.NewSqliteDirectory();
    private readonly ServiceProvider _provider;

    public SqliteFeedFileTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSqliteSocialStores(options => (options.DataDirectory, options.BusyTimeout) = (_directory, TimeSpan.FromSeconds(30)));
        _provider = services.BuildServiceProvider();
    }

    private string SocialFile => Path.Combine(_directory, SqliteSocialStoreOptions.DefaultFileName);

    private string FeedFile => Path.Combine(_directory, SqliteSocialStoreOptions.DefaultFeedFileName);

    private IFeedStore Feeds => _provider.GetRequiredService<IFeedStore>();

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Keeps_the_home_feeds_in_feeds_db_beside_social_db_in_wal_mode()
    {
        await Feeds.AddToFeedsAsync("101", "3", ["7"], default);

        Assert.Equal(FeedFile, _provider.GetRequiredService<SqliteFeedDatabase>().FilePath);
        Assert.Equal("wal", await ScalarAsync<string>(FeedFile, "PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync<long>(FeedFile, "SELECT COUNT(*) FROM feed_entries"));
        Assert.Equal(0L, await ScalarAsync<long>(SocialFile, FeedTableCount));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_data_directory_from_before_feeds_db_has_its_feed_rows_moved_there(bool withRepostColumns)
    {
        var repostColumns = withRepostColumns ? ", repost_of INTEGER, reposter_id INTEGER" : "";
        await ExecuteAsync(
            SocialFile,
            $"CREATE TABLE feed_entries (user_id INTEGER NOT NULL, post_id INTEGER NOT NULL, author_id INTEGER NOT NULL{repostColumns}, PRIMARY KEY (user_id, post_id)) WITHOUT ROWID;" +
            "INSERT INTO feed_entries (user_id, post_id, author_id) VALUES (7, 101, 3), (7, 102, 4), (8, 101, 3);");

        var entries = await Feeds.GetEntriesAsync("7", 10, null, default);

        Assert.Equal([new FeedEntry("102", "4"), new FeedEntry("101", "3")], entries);
        Assert.Single(await Feeds.GetEntriesAsync("8", 10, null, default));
        Assert.Equal(0L, await ScalarAsync<long>(SocialFile, FeedTableCount));
    }

    [Fact]
    public async Task Fan_out_and_a_requests_write_never_wait_for_each_others_file()
    {
        var users = _provider.GetRequiredService<IUserDirectory>();
        await users.UpsertAsync(new UserRecord("3", "author", "Author", "", Epoch), default);
        await users.UpsertAsync(new UserRecord("7", "reader", "Reader", "", Epoch), default);
        await _provider.GetRequiredService<IFollowGraph>().SetFollowAsync("7", "3", following: true, version: 1, Epoch, default);
        await _provider.GetRequiredService<IPostIndex>().AddAsync(new PostRecord("101", "3", "author", "hello", null, Epoch), [], default);
        await Feeds.AddToFeedsAsync("101", "3", ["7"], default);

        // Another writer holds feeds.db: the social file's writes go on.
        await using (await BeginWriteAsync(FeedFile))
        {
            await users.UpsertAsync(new UserRecord("3", "renamed", "Renamed", "", Epoch), default).WaitAsync(Patience);
        }

        // Another writer holds social.db: fan-out, which reads the follows there, goes on.
        await using (await BeginWriteAsync(SocialFile))
        {
            await Feeds.BackfillFollowersAsync("3", 10, default).WaitAsync(Patience);
            await Feeds.AddToFeedsAsync("102", "3", ["7"], default).WaitAsync(Patience);
        }

        Assert.Equal(["102", "101"], (await Feeds.GetEntriesAsync("7", 10, null, default)).Select(static e => e.PostId));
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

    private static async Task<T> ScalarAsync<T>(string file, string sql)
    {
        await using var connection = await OpenAsync(file);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = await OpenAsync(file);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection of another writer, holding <paramref name="file"/>'s write lock until disposed (rolled back).</summary>
    private static async Task<SqliteConnection> BeginWriteAsync(string file)
    {
        var connection = await OpenAsync(file);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<SqliteConnection> OpenAsync(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }
}
