using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains.Realtime;
using Playbound.Realtime.Presence;

namespace Playbound.Realtime.Tests;

/// <summary>The options' rules, and the registrations the hosting code relies on.</summary>
public sealed class OptionsTests
{
    private readonly RedisPresenceOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new RedisPresenceOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal("playbound:presence", options.Channel);
        Assert.Equal(TimeSpan.FromSeconds(10), options.SnapshotInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Ttl);
        Assert.Equal("playbound:presence:hello", options.HelloChannel);
    }

    [Fact]
    public void A_ttl_of_exactly_two_snapshots_is_valid()
    {
        var options = new RedisPresenceOptions { SnapshotInterval = TimeSpan.FromSeconds(5), Ttl = TimeSpan.FromSeconds(10) };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_ttl_under_two_snapshots_is_rejected()
    {
        var options = new RedisPresenceOptions { SnapshotInterval = TimeSpan.FromSeconds(10), Ttl = TimeSpan.FromSeconds(19) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Ttl", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_channel_is_rejected(string channel)
    {
        var result = _validator.Validate(null, new RedisPresenceOptions { Channel = channel });

        Assert.True(result.Failed);
        Assert.Contains("Channel", result.FailureMessage);
    }

    [Fact]
    public void A_non_positive_snapshot_interval_is_rejected()
    {
        var options = new RedisPresenceOptions { SnapshotInterval = TimeSpan.Zero };

        Assert.True(_validator.Validate(null, options).Failed);
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start()
    {
        using var host = new HostBuilder()
            .ConfigureLogging(static logging => logging.ClearProviders())
            .ConfigureServices(static services =>
                services.AddRedisPresenceReplica(TestRedis.Address, static o => o.Ttl = TimeSpan.FromSeconds(1)))
            .Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public void The_two_parameter_calls_register_the_presence_of_each_side()
    {
        var silo = new ServiceCollection().AddLogging().AddRedisPresenceReplica(TestRedis.Address);
        var api = new ServiceCollection().AddLogging().AddRedisPresenceAnnouncer(TestRedis.Address);

        using var siloServices = silo.BuildServiceProvider();
        using var apiServices = api.BuildServiceProvider();
        Assert.IsType<ClusterPresence>(siloServices.GetRequiredService<IUserPresence>());
        Assert.NotNull(apiServices.GetRequiredService<ConnectedUsers>());
        Assert.Single(silo, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(api, d => d.ServiceType == typeof(IHostedService));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("127.0.0.1:6379,notAnOption=1")]
    public void A_bad_redis_configuration_fails_at_registration(string redis)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddRedisPresenceAnnouncer(redis));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddRedisPresenceReplica(redis));
    }
}
