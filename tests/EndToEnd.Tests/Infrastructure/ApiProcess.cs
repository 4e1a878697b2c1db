using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Playbound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Api (embedded mode) as a child process, as `dotnet run` would start it: on a loopback port the OS picks,
/// with a fresh data directory, ready once <c>/health/ready</c> answers 200. Its output is kept for failure messages;
/// dispose kills it and deletes the data directory.
/// </summary>
public sealed partial class ApiProcess : IAsyncLifetime
{
    /// <summary>A celebrity here has two followers, so the tests can cover the fan-out-on-read path cheaply.</summary>
    public const int CelebrityThreshold = 2;

    private const int KeptLines = 300;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("playbound-e2e-").FullName;
    private Process? _process;

    /// <summary>The Api's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The last lines the Api wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(Paths.ApiAssembly))
        {
            throw new InvalidOperationException($"The Api is not built at {Paths.ApiAssembly}; build the solution first.");
        }

        // The dotnet CLI names its own host for child processes; a test host started another way falls back to PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Paths.ApiProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Paths.ApiAssembly, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Playbound__DataDir"] = _dataDirectory;
        // The embedded silo's ports, free ones rather than Orleans' defaults, which another silo here may hold.
        var siloPorts = LoopbackPorts.NextRange(2);
        start.Environment["Playbound__Cluster__SiloPort"] = siloPorts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Playbound__Cluster__GatewayPort"] = (siloPorts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Playbound__Feed__CelebrityThreshold"] = CelebrityThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The tests register and call far faster than a person; they test behaviour, not PBKDF2 or the limiter.
        start.Environment["Playbound__Auth__PasswordHashIterations"] = "1000";
        start.Environment["Playbound__RateLimit__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("`dotnet` is not on PATH; the end-to-end tests run the Api with it.", e);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = await ListeningAddressAsync();
        await WaitUntilReadyAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment after the kill; the OS temp cleaner takes what is left.
        }
    }

    /// <summary>An exception whose message carries the Api's recent output.</summary>
    public InvalidOperationException Failure(string what) => new($"{what}\n--- Api output (last {KeptLines} lines) ---\n{Output}");

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

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private async Task<Uri> ListeningAddressAsync()
    {
        var exited = _process!.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(StartTimeout));
        return first == _listening.Task
            ? await _listening.Task
            : throw Failure(first == exited ? $"The Api exited with {_process.ExitCode} before listening." : "The Api did not start listening in time.");
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !_process!.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting yet; poll again.
            }

            await Task.Delay(200);
        }

        throw Failure("The Api did not become ready (/health/ready).");
    }

    // Kestrel's startup line, "Now listening on: http://127.0.0.1:41234".
    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
