using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

public sealed class AccountTests
{
    [Fact]
    public async Task Registering_a_handle_creates_the_user_and_a_second_registration_of_it_is_refused()
    {
        await using var host = await SocialHost.StartAsync();

        var userId = await host.Grain<IAccountGrain>("alice").Register("Alice", "hash-1");
        var again = await host.Grain<IAccountGrain>("alice").Register("Other Alice", "hash-2");

        Assert.NotNull(userId);
        Assert.Null(again);
        var profile = await host.Grain<IUserGrain>(userId).GetProfile();
        Assert.Equal(new UserProfile(userId, "alice", "Alice", "", 0, 0, 0, profile!.CreatedAt), profile);
        Assert.Equal(new AccountCredentials(userId, "hash-1"), await host.Grain<IAccountGrain>("alice").GetCredentials());
    }

    [Fact]
    public async Task An_unregistered_handle_has_no_credentials_and_an_unknown_user_no_profile()
    {
        await using var host = await SocialHost.StartAsync();

        Assert.Null(await host.Grain<IAccountGrain>("nobody").GetCredentials());
        Assert.Null(await host.Grain<IUserGrain>("12345").GetProfile());
    }

    [Fact]
    public async Task The_password_hash_can_be_replaced()
    {
        await using var host = await SocialHost.StartAsync();
        var userId = await host.RegisterAsync("bob");

        await host.Grain<IAccountGrain>("bob").UpdatePasswordHash("rehashed");

        Assert.Equal(new AccountCredentials(userId, "rehashed"), await host.Grain<IAccountGrain>("bob").GetCredentials());
    }

    [Fact]
    public async Task Creating_a_user_twice_with_its_handle_is_harmless_and_another_handle_is_rejected()
    {
        await using var host = await SocialHost.StartAsync();
        var userId = await host.RegisterAsync("carol");
        var user = host.Grain<IUserGrain>(userId);

        await user.Create("carol", "CAROL");
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.Create("mallory", "Mallory"));

        Assert.Equal("carol", (await user.GetProfile())!.Handle);
    }

    [Fact]
    public async Task Profile_updates_change_only_the_given_fields()
    {
        await using var host = await SocialHost.StartAsync();
        var user = host.Grain<IUserGrain>(await host.RegisterAsync("dave", "Dave"));

        var withBio = await user.UpdateProfile(null, "hello");
        var renamed = await user.UpdateProfile("David", null);

        Assert.Equal(("Dave", "hello"), (withBio.DisplayName, withBio.Bio));
        Assert.Equal(("David", "hello"), (renamed.DisplayName, renamed.Bio));
    }
}
