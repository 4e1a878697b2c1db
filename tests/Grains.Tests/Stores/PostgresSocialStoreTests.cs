using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Postgres;
using Xunit.Abstractions;

namespace Playbound.Grains.Tests.Stores;

/// <summary>The conformance suite on PostgreSQL, in a fresh schema per test that is dropped afterwards.</summary>
public sealed class PostgresSocialStoreTests(ITestOutputHelper output) : SocialStoreTests(output)
{
    private readonly string _schema = "pbsocial_" + Guid.NewGuid().ToString("N");

    public override async Task InitializeAsync()
    {
        await PostgresServer.ScalarAsync("SELECT 1");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
    }

    protected override void AddStores(IServiceCollection services) =>
        services.AddPostgresSocialStores(options =>
        {
            options.ConnectionString = PostgresServer.ConnectionString;
            options.Schema = _schema;
        });

    [Fact]
    public async Task Several_processes_creating_the_schema_at_once_all_succeed()
    {
        // Each container has its own data source, like silos starting together against an empty database.
        var containers = Enumerable.Range(0, 6).Select(_ => Open()).ToList();
        await Task.WhenAll(containers.Select(stores => stores.Users.GetCountsAsync("1", default)));

        var tables = await PostgresServer.ScalarAsync(
            $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema}'");
        Assert.Equal(13L, tables);
    }

    [Fact]
    public void An_invalid_schema_name_fails_validation()
    {
        var services = new ServiceCollection().AddPostgresSocialStores(options =>
        {
            options.ConnectionString = PostgresServer.ConnectionString;
            options.Schema = "x\"; DROP TABLE users; --";
        });
        using var provider = services.BuildServiceProvider();

        Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IUserDirectory>());
    }
}
