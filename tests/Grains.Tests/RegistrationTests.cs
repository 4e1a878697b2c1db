using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Ids;
using Playbound.Grains.Tests.Infrastructure;
using Playbound.Hosting;
using Orleans.Serialization;

namespace Playbound.Grains.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Feed_options_and_node_id_are_bound_from_configuration()
    {
        var settings = new SocialClusterOptions
        {
            CelebrityThreshold = 7,
            MaxEntries = 9,
            Settings = new Dictionary<string, string?> { ["Playbound:NodeId"] = "42" },
        }.Configuration();
        using var host = EmbeddedSilo.Build(settings);
        await host.StartAsync();

        var feed = host.Services.GetRequiredService<IOptions<FeedOptions>>().Value;
        Assert.Equal((7L, 9, FeedOptions.DefaultFanoutPageSize), (feed.CelebrityThreshold, feed.MaxEntries, feed.FanoutPageSize));
        var id = SnowflakeId.Parse(host.Services.GetRequiredService<IIdGenerator>().NewId());
        Assert.Equal(42, (id >> 12) & SnowflakeId.MaxNodeId);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Playbound:Feed:CelebrityThreshold", "0")]
    [InlineData("Playbound:Feed:MaxEntries", "-1")]
    [InlineData("Playbound:Feed:FanoutPageSize", "0")]
    [InlineData("Playbound:Feed:FanoutParallelism", "0")]
    [InlineData("Playbound:NodeId", "1024")]
    public async Task Unusable_settings_fail_at_startup(string key, string value)
    {
        using var host = EmbeddedSilo.Build([new("Playbound:DataDir", TestDatabases.NewSqliteDirectory()), new(key, value)]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Post_events_round_trip_as_their_own_kind()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        PostEvent[] events = [new PostPublished("1", "2", DateTimeOffset.UnixEpoch, ["rust"]), new PostDeleted("1", "2")];

        Assert.Equal(events, events.Select(e => serializer.Deserialize<PostEvent>(serializer.SerializeToArray(e))));
    }
}
