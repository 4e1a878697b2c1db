using Microsoft.Extensions.Logging.Abstractions;
using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Tests.Membership;

/// <summary>
/// One silo's membership as a separate process would have it: its own table client (own connection pool) and agent,
/// started and stopped through the same lifecycle calls a host makes.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private int _declaredDead;
    private int _changes;

    private TestSilo(SiloAddress address, BlockableMembershipTable table, MembershipAgent agent)
    {
        Address = address;
        Table = table;
        Agent = agent;
        agent.DeclaredDead += _ => Interlocked.Exchange(ref _declaredDead, 1);
        agent.Changed += _ => Interlocked.Increment(ref _changes);
    }

    public SiloAddress Address { get; }

    public BlockableMembershipTable Table { get; }

    public MembershipAgent Agent { get; }

    public bool WasDeclaredDead => Volatile.Read(ref _declaredDead) == 1;

    public int Changes => Volatile.Read(ref _changes);

    public IReadOnlyList<SiloAddress> ActiveSilos => Agent.Current.ActiveSilos;

    public static async Task<TestSilo> StartAsync(MembershipOptions options, int port, long generation = 1)
    {
        var address = new SiloAddress("127.0.0.1", port, generation);
        var table = new BlockableMembershipTable(new PostgresMembershipTable(options));
        var agent = new MembershipAgent(address, table, options, TimeProvider.System, NullLogger<MembershipAgent>.Instance);
        var silo = new TestSilo(address, table, agent);
        await agent.StartingAsync(CancellationToken.None);
        await agent.StartAsync(CancellationToken.None);
        await agent.StartedAsync(CancellationToken.None);
        return silo;
    }

    /// <summary>Leaves as a host's graceful shutdown does.</summary>
    public async Task StopAsync()
    {
        await Agent.StoppingAsync(CancellationToken.None);
        await Agent.StopAsync(CancellationToken.None);
        await Agent.StoppedAsync(CancellationToken.None);
    }

    /// <summary>Stops without leaving, as a crash would (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Table.DisposeAsync();
    }
}
