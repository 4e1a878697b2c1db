using System.Net.Sockets;
using Playbound.Runtime.Networking;
using Playbound.Runtime.Tests.Grains;

namespace Playbound.Runtime.Tests.Cluster;

public sealed class TransportFailureTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task A_call_to_a_killed_silo_fails_over_once_membership_drops_it()
    {
        var silos = await ClusterKeys.StartSilosAsync(_cluster, 2);
        await using var a = silos[0];
        await using var b = silos[1];
        var key = ClusterKeys.OwnedBy(b.Silo!, _cluster.Latest);
        Assert.Equal(b.Silo!.Port, await a.Grains.GetGrain<ISiloGrain>(key).SiloPort());

        await b.KillAsync();
        var call = a.Grains.GetGrain<ISiloGrain>(key).SiloPort();
        await Task.Delay(300);
        Assert.False(call.IsCompleted, $"{call.Status}: {call.Exception?.InnerException}");
        _cluster.Publish([a.Silo!]);

        Assert.Equal(a.Silo!.Port, await call);
    }

    [Fact]
    public async Task A_call_to_a_killed_silo_fails_naming_grain_and_silo_when_membership_never_drops_it()
    {
        var silos = await ClusterKeys.StartSilosAsync(_cluster, 2, () => new ClusterNodeOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        await using var a = silos[0];
        await using var b = silos[1];
        var key = ClusterKeys.OwnedBy(b.Silo!, _cluster.Latest);
        await b.KillAsync();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => a.Grains.GetGrain<ISiloGrain>(key).SiloPort());

        Assert.Equal(b.Silo, error.Silo);
        Assert.Contains($"silo/{key}", error.Message);
        Assert.Contains(b.Silo!.ToString(), error.Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', (byte)' ', (byte)'s', (byte)'i', (byte)'l', (byte)'o' })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3 })]
    [InlineData(new byte[] { 5, 0, 0, 0, 9, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 6, 0, 0, 0, 1, 1, 2, 3, 4, 5 })]
    public async Task A_bad_frame_closes_its_connection_and_the_silo_serves_on(byte[] garbage)
    {
        var silos = await ClusterKeys.StartSilosAsync(_cluster, 1);
        await using var silo = silos[0];
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", silo.Silo!.Port);
        var stream = client.GetStream();

        await stream.WriteAsync(garbage);

        Assert.True(await ClosedByPeerAsync(stream));
        await using var gateway = await ClusterNode.StartGatewayAsync(_cluster);
        Assert.Equal(silo.Silo.Port, await gateway.Grains.GetGrain<ISiloGrain>("after-garbage").SiloPort());
    }

    // A closed connection reads as end of stream, or as a reset when the peer closed with bytes still unread.
    private static async Task<bool> ClosedByPeerAsync(NetworkStream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
