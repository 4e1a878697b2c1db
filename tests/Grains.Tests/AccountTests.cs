using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class AccountTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _host = fixture.Cluster;
    private readonly TestHandles _h = SocialCluster.NewHandles();

    [Fact]
    public async Task Registering_a_handle_creates_the_user_and_a_second_registration_of_it_is_refused()
    {
        var alice = _h["alice"];
        var userId = await _host.Grain<IAccountGrain>(alice).Register("Alice", "hash-1");
        var again = await _host.Grain<IAccountGrain>(alice).Register("Other Alice", "hash-2");

        Assert.NotNull(userId);
        Assert.Null(again);
        var profile = await _host.Grain<IUserGrain>(userId).GetProfile();
        Assert.Equal(new UserProfile(userId, alice, "Alice", "", 0, 0, 0, profile!.CreatedAt), profile);
        Assert.Equal(new AccountCredentials(userId, "hash-1"), await _host.Grain<IAccountGrain>(alice).GetCredentials());
    }

    [Fact]
    public async Task An_unregistered_handle_has_no_credentials_and_an_unknown_user_no_profile()
    {
        Assert.Null(await _host.Grain<IAccountGrain>(_h["nobody"]).GetCredentials());
        Assert.Null(await _host.Grain<IUserGrain>("12345").GetProfile());
    }

    [Fact]
    public async Task The_password_hash_can_be_replaced()
    {
        var userId = await _host.RegisterAsync(_h["bob"]);

        await _host.Grain<IAccountGrain>(_h["bob"]).UpdatePasswordHash("rehashed");

        Assert.Equal(new AccountCredentials(userId, "rehashed"), await _host.Grain<IAccountGrain>(_h["bob"]).GetCredentials());
    }

    [Fact]
    public async Task Creating_a_user_twice_with_its_handle_is_harmless_and_another_handle_is_rejected()
    {
        var userId = await _host.RegisterAsync(_h["carol"]);
        var user = _host.Grain<IUserGrain>(userId);

        await user.Create(_h["carol"], "CAROL");
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.Create(_h["mallory"], "Mallory"));

        Assert.Equal(_h["carol"], (await user.GetProfile())!.Handle);
    }

    [Fact]
    public async Task Profile_updates_change_only_the_given_fields()
    {
        var user = _host.Grain<IUserGrain>(await _host.RegisterAsync(_h["dave"], "Dave"));

        var withBio = await user.UpdateProfile(null, "hello");
        var renamed = await user.UpdateProfile("David", null);

        Assert.Equal(("Dave", "hello"), (withBio.DisplayName, withBio.Bio));
        Assert.Equal(("David", "hello"), (renamed.DisplayName, renamed.Bio));
    }
}
