using System.Diagnostics;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// Restarts of the local PostgreSQL and Redis that scripts/ensure-postgres.sh and scripts/ensure-redis.sh manage.
/// Every client of those servers sees the restart, so only tests marked <see cref="ServerRestartFactAttribute"/> use this.
/// </summary>
public static class ServerRestarts
{
    /// <summary>
    /// Stops the local Redis (its AOF, written with appendfsync always, keeps every acknowledged write), waits
    /// <paramref name="down"/>, and starts it again through scripts/ensure-redis.sh, as an operator restarting it would.
    /// </summary>
    public static async Task RestartRedisAsync(TimeSpan down)
    {
        await RunAsync("redis-cli", "-p", "6379", "shutdown");
        await Task.Delay(down);
        await RunAsync(Path.Combine(Paths.RepositoryRoot, "scripts", "ensure-redis.sh"));
    }

    /// <summary>Restarts PostgreSQL 15/main (every connection breaks) and waits until it accepts connections.</summary>
    public static async Task RestartPostgresAsync()
    {
        await RunAsync("pg_ctlcluster", "15", "main", "restart");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await RunAsync("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432");
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

/// <summary>
/// A test that restarts the shared PostgreSQL or Redis: skipped unless <see cref="TestServers.MayRestartServers"/>
/// (<c>PLAYBOUND_TEST_SERVER_RESTART=1</c> and both servers local), because every other user of those servers,
/// including test projects running in parallel, sees the restart.
/// </summary>
public sealed class ServerRestartFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> unless server restarts are allowed.</summary>
    public ServerRestartFactAttribute()
    {
        if (!TestServers.MayRestartServers)
        {
            Skip = "restarts the local Redis and PostgreSQL: set PLAYBOUND_TEST_SERVER_RESTART=1 (local servers only) and run alone";
        }
    }
}

/// <summary>
/// A test that runs scripts (scripts/cluster.sh) against the local PostgreSQL and Redis they manage: skipped when
/// <c>PLAYBOUND_TEST_POSTGRES</c> or <c>PLAYBOUND_TEST_REDIS</c> point elsewhere.
/// </summary>
public sealed class LocalServersFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the tests use other servers.</summary>
    public LocalServersFactAttribute()
    {
        if (!TestServers.AreLocal)
        {
            Skip = "runs scripts that manage the local PostgreSQL and Redis; PLAYBOUND_TEST_POSTGRES or PLAYBOUND_TEST_REDIS is set";
        }
    }
}

/// <summary>The server-restart tests: one at a time, and never beside another collection of this project.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerRestartCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "server restarts";
}
