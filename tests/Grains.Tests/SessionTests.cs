using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class SessionTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _host = fixture.Cluster;

    /// <summary>This test's session id: sessions of the tests sharing the cluster must not meet.</summary>
    private readonly string _s1 = "s1-" + Guid.NewGuid().ToString("N");

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    [Fact]
    public async Task Rotation_replaces_the_current_secret()
    {
        var session = await StartAsync(_host, _s1, "u1", "secret-1");

        var rotated = await session.Rotate("secret-1", "secret-2", Expiry());
        var next = await session.Rotate("secret-2", "secret-3", Expiry());

        Assert.Equal(new RefreshOutcome(RefreshStatus.Rotated, "u1"), rotated);
        Assert.Equal(new RefreshOutcome(RefreshStatus.Rotated, "u1"), next);
    }

    [Fact]
    public async Task Presenting_a_rotated_away_secret_revokes_the_session()
    {
        var session = await StartAsync(_host, _s1, "u1", "secret-1");
        await session.Rotate("secret-1", "secret-2", Expiry());
        await session.Rotate("secret-2", "secret-3", Expiry());

        var reuse = await session.Rotate("secret-1", "secret-x", Expiry());
        var current = await session.Rotate("secret-3", "secret-4", Expiry());

        Assert.Equal(RefreshStatus.Reused, reuse.Status);
        Assert.Equal(new RefreshOutcome(RefreshStatus.Invalid, null), current);
    }

    [Fact]
    public async Task A_retried_rotation_whose_answer_was_lost_succeeds_again_instead_of_revoking()
    {
        var session = await StartAsync(_host, _s1, "u1", "secret-1");
        await session.Rotate("secret-1", "secret-2", Expiry());

        var retried = await session.Rotate("secret-1", "secret-2", Expiry());

        Assert.Equal(RefreshStatus.Rotated, retried.Status);
        Assert.Equal(RefreshStatus.Rotated, (await session.Rotate("secret-2", "secret-3", Expiry())).Status);
    }

    [Fact]
    public async Task Unknown_secrets_and_unknown_sessions_are_invalid()
    {
        var session = await StartAsync(_host, _s1, "u1", "secret-1");

        Assert.Equal(RefreshStatus.Invalid, (await session.Rotate("guess", "secret-2", Expiry())).Status);
        Assert.Equal(RefreshStatus.Invalid, (await _host.Grain<ISessionGrain>("missing-" + _s1).Rotate("secret-1", "x", Expiry())).Status);
        Assert.Equal(RefreshStatus.Rotated, (await session.Rotate("secret-1", "secret-2", Expiry())).Status);
    }

    [Fact]
    public async Task Revoking_needs_the_current_secret_and_ends_the_session()
    {
        var session = await StartAsync(_host, _s1, "u1", "secret-1");

        Assert.False(await session.Revoke("wrong"));
        Assert.True(await session.Revoke("secret-1"));
        Assert.False(await session.Revoke("secret-1"));
        Assert.Equal(RefreshStatus.Invalid, (await session.Rotate("secret-1", "secret-2", Expiry())).Status);
    }

    [Fact]
    public async Task An_expired_session_no_longer_refreshes()
    {
        var clock = new ShiftedClock();
        await using var host = await SocialCluster.StartAsync(new SocialClusterOptions { Time = clock });
        var session = host.Grain<ISessionGrain>(_s1);
        await session.Start("u1", "secret-1", clock.GetUtcNow().AddHours(1));

        clock.Offset = TimeSpan.FromHours(1);

        Assert.Equal(RefreshStatus.Invalid, (await session.Rotate("secret-1", "secret-2", clock.GetUtcNow().AddHours(1))).Status);
    }

    [Fact]
    public async Task Starting_a_session_again_for_someone_else_is_rejected()
    {
        var session = await StartAsync(_host, _s1, "u1", "secret-1");

        await session.Start("u1", "secret-1", Expiry());
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Start("u2", "secret-9", Expiry()));
    }

    [Fact]
    public async Task Rotation_survives_a_restart_and_old_secrets_are_still_recognized()
    {
        var options = new SocialClusterOptions();
        await using (var first = await SocialCluster.StartAsync(options))
        {
            var session = await StartAsync(first, _s1, "u1", "secret-1");
            await session.Rotate("secret-1", "secret-2", Expiry());
        }

        await using var second = await SocialCluster.StartAsync(options);
        Assert.Equal(RefreshStatus.Reused, (await second.Grain<ISessionGrain>(_s1).Rotate("secret-1", "x", Expiry())).Status);
    }

    private static async Task<ISessionGrain> StartAsync(SocialCluster host, string sessionId, string userId, string secret)
    {
        var session = host.Grain<ISessionGrain>(sessionId);
        await session.Start(userId, secret, Expiry());
        return session;
    }

    private static DateTimeOffset Expiry() => DateTimeOffset.UtcNow + Lifetime;
}
