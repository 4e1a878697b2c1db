using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Playbound.TestKit.Kafka;

/// <summary>
/// The Kafka mock tool (tools/KafkaMock, <c>Playbound.KafkaMock.dll</c>) running as a real child process, as
/// scripts and the multi-process cluster tests run it. The test project must reference tools/KafkaMock so the build
/// copies the tool (and librdkafka) next to the test assembly, where this class looks for it.
/// </summary>
public sealed class KafkaMockProcess : IAsyncDisposable
{
    /// <summary>The tool's file name next to the test assembly.</summary>
    public const string ToolAssembly = "Playbound.KafkaMock.dll";

    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _directory;

    private KafkaMockProcess(Process process, string directory, string bootstrapFile, string bootstrapServers)
    {
        _process = process;
        _directory = directory;
        BootstrapFile = bootstrapFile;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>What the tool wrote to its bootstrap file: the brokers' addresses for bootstrap.servers.</summary>
    public string BootstrapServers { get; }

    /// <summary>The file the tool published <see cref="BootstrapServers"/> in.</summary>
    public string BootstrapFile { get; }

    /// <summary>The tool's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the tool with <paramref name="brokers"/> brokers and <paramref name="topics"/> created, and waits for its bootstrap file.</summary>
    public static async Task<KafkaMockProcess> StartAsync(IEnumerable<(string Name, int Partitions)> topics, int brokers = 1)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, ToolAssembly);
        if (!File.Exists(tool))
        {
            throw new FileNotFoundException($"{ToolAssembly} is not next to the test assembly: add a ProjectReference to tools/KafkaMock to the test project.", tool);
        }

        var directory = Directory.CreateTempSubdirectory("playbound-kafka-mock-").FullName;
        var bootstrapFile = Path.Combine(directory, "bootstrap.txt");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { tool, "--bootstrap-file", bootstrapFile, "--brokers", brokers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, partitions) in topics)
        {
            start.ArgumentList.Add("--topic");
            start.ArgumentList.Add($"{name}:{partitions.ToString(CultureInfo.InvariantCulture)}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the Kafka mock");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // The tool renames a complete file into place: once it exists, it is whole.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(bootstrapFile))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"the Kafka mock did not publish its bootstrap file (exited: {process.HasExited}):\n{log}");
            }

            await Task.Delay(20);
        }

        return new KafkaMockProcess(process, directory, bootstrapFile, (await File.ReadAllTextAsync(bootstrapFile)).Trim());
    }

    /// <summary>Asks the tool to stop with SIGTERM, as a process manager would, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        return _process.ExitCode;
    }

    /// <summary>Stops the tool and removes its bootstrap file.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // Process.Kill sends SIGKILL; a graceful stop needs SIGTERM, which .NET only sends through libc.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
