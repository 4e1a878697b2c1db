using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Playbound.Realtime.Tests;

/// <summary>
/// A throwaway redis-server of one test's own, on a free port and without persistence, which the test may kill and
/// start again: restarting the shared one would break every other test (and engineer) using it.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private readonly int _port;
    private Process? _server;

    private PrivateRedis(int port) => _port = port;

    public string Address => $"127.0.0.1:{_port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis(FreePort());
        await redis.StartServerAsync();
        return redis;
    }

    /// <summary>Kills the server as a crash would (no goodbye to its clients), runs <paramref name="whileDown"/>, starts it again empty.</summary>
    public async Task RestartAsync(Func<Task> whileDown)
    {
        Kill();
        await whileDown();
        await StartServerAsync();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private async Task StartServerAsync()
    {
        _server = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _server.OutputDataReceived += static (_, _) => { };
        _server.BeginOutputReadLine();
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=500");
                return probe.IsConnected;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, "the private redis-server answers");
    }

    private void Kill()
    {
        if (_server is { } server)
        {
            _server = null;
            server.Kill();
            server.WaitForExit();
            server.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
