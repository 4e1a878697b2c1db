using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
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
}
