using Microsoft.Extensions.Logging.Abstractions;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Membership;

/// <summary>The gateway's read-only view of the cluster.</summary>
public sealed class MembershipReaderTests(MembershipDatabase database) : IClassFixture<MembershipDatabase>
{
    [Fact]
    public async Task A_gateway_sees_silos_join_and_leave_and_has_no_local_silo()
    {
        var options = database.NewClusterOptions();
        await using var table = new PostgresMembershipTable(options);
        await using var reader = new MembershipReader(table, options, TimeProvider.System, NullLogger<MembershipReader>.Instance);
        var changes = 0;
        reader.Changed += _ => Interlocked.Increment(ref changes);
        await reader.StartAsync(CancellationToken.None);
        Assert.Null(reader.LocalSilo);
        Assert.Empty(reader.Current.ActiveSilos);

        await using var first = await TestSilo.StartAsync(options, 16001);
        await using var second = await TestSilo.StartAsync(options, 16002);
        await Eventually.TrueAsync(
            () => reader.Current.ActiveSilos.SequenceEqual([first.Address, second.Address]), "the gateway sees both silos");

        await second.StopAsync();
        await Eventually.TrueAsync(() => reader.Current.ActiveSilos.SequenceEqual([first.Address]), "the gateway sees the leave");
        Assert.True(Volatile.Read(ref changes) >= 2);
        await reader.StopAsync(CancellationToken.None);
    }
}
