using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Playbound.TestKit;

/// <summary>
/// Hands out free loopback ports for test servers, each at most once per process. They come from below the kernel's
/// ephemeral range (net.ipv4.ip_local_port_range, 32768-60999 by default): a port the kernel picked for a probe
/// listener is also one it may give any process's next outgoing connection, which then holds it by the time a child
/// process, seconds later, tries to listen there.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private const int EphemeralStart = 32_768;

    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>A free port.</summary>
    public static int Next() => NextRange(1);

    /// <summary>The first of <paramref name="count"/> consecutive free ports.</summary>
    public static int NextRange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        while (true)
        {
            var first = Random.Shared.Next(Lowest, EphemeralStart - count);
            var ports = Enumerable.Range(first, count).ToArray();
            if (ports.All(IsFree) && ports.All(static port => HandedOut.TryAdd(port, true)))
            {
                return first;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
