using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Playbound.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a command to completion and keeps its output for the failure message.</summary>
public static class CommandLine
{
    /// <summary>The exit code and the interleaved stdout and stderr of a finished command.</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="file"/> in <paramref name="directory"/>; kills it after <paramref name="timeout"/>. A
    /// missing program fails with <paramref name="whenMissing"/>, so a machine without node says so instead of skipping.
    /// </summary>
    public static async Task<Result> RunAsync(
        string file, IEnumerable<string> arguments, string directory, TimeSpan timeout, string whenMissing,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{whenMissing} ({file}: {e.Message})", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, $"{file} timed out after {timeout}\n{Read(output)}");
        }

        // WaitForExitAsync returns once the process exited; the parameterless WaitForExit also drains the output events.
        process.WaitForExit();
        return new Result(process.ExitCode, Read(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
