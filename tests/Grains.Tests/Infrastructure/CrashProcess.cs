using System.Diagnostics;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>Runs this test assembly as a crash host (<see cref="CrashHost"/>) and kills it (SIGKILL) at a chosen point of its output.</summary>
public static class CrashProcess
{
    /// <summary>
    /// Starts <c>dotnet Playbound.Grains.Tests.dll <paramref name="args"/></c>, reads its output lines until
    /// <paramref name="killNow"/> says so, and kills the process tree. Returns the lines read; fails the test with the
    /// host's errors when it ended before <paramref name="killNow"/> was satisfied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAndKillAsync(IEnumerable<string> args, Func<IReadOnlyList<string>, bool> killNow)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CrashHost).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var reached = false;
        try
        {
            while (!reached && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                reached = killNow(lines);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.True(reached, $"the crash host stopped early: {await process.StandardError.ReadToEndAsync()}");
        return lines;
    }
}
