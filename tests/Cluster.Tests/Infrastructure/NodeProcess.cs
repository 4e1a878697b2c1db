using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// One built host (a silo or an Api node) run as a child process with fixed settings and ports, so it can be killed,
/// stopped and started again as the same node. Its output is kept for failure messages.
/// </summary>
public sealed class NodeProcess(string name, string assembly, string workingDirectory, int httpPort, IReadOnlyDictionary<string, string> settings)
    : IAsyncDisposable
{
    private const int KeptLines = 200;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>E.g. <c>silo-1</c> or <c>api-0</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The node's HTTP address (REST, hub and health), the same across restarts.</summary>
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{httpPort}");

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The operating system's id of the running process.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>The last lines the node wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the process (not waiting for readiness).</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        _process?.Dispose();
        // The dotnet CLI names its own host for child processes; a test host started another way falls back to PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { assembly, "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        Keep($"---- {DateTime.UtcNow:HH:mm:ss.fff} starting {Name}");
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("`dotnet` is not on PATH; the cluster tests run the hosts with it.", e);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline && IsRunning)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not accepting yet, or busy starting; poll again.
            }

            await Task.Delay(250);
        }

        throw Failure(IsRunning ? "did not become ready (/health/ready)" : $"exited with {_process?.ExitCode} before it was ready");
    }

    /// <summary>Kills the process at once (SIGKILL): no graceful leave, no flushing.</summary>
    public async Task KillAsync()
    {
        if (IsRunning)
        {
            Keep($"---- {DateTime.UtcNow:HH:mm:ss.fff} killing {Name}");
            _process!.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Sends SIGTERM, as an orchestrator does, and waits for the graceful shutdown to finish.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        Keep($"---- {DateTime.UtcNow:HH:mm:ss.fff} stopping {Name}");
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw Failure($"did not stop within {StopTimeout.TotalSeconds} s of SIGTERM");
        }
    }

    /// <summary>An exception whose message carries the node's recent output.</summary>
    public InvalidOperationException Failure(string what) => new($"{Name} {what}\n--- {Name} output (last {KeptLines} lines) ---\n{Output}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
