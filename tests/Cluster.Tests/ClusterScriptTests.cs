using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Playbound.Cluster.Tests.Infrastructure;
using Playbound.TestKit;
using Playbound.TestKit.Servers;

namespace Playbound.Cluster.Tests;

/// <summary>scripts/cluster.sh brings a cluster up on the ports and state directory it is given, and down again.</summary>
[Collection(ProcessFailureCollection.Name)]
public sealed partial class ClusterScriptTests
{
    private const int PortsPerRange = 3;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    [LocalServersFact]
    public async Task Cluster_script_up_serves_every_printed_url_and_down_stops_every_process()
    {
        var state = Directory.CreateTempSubdirectory("playbound-cluster-script-").FullName;
        var database = "playbound_cs_" + Guid.NewGuid().ToString("N")[..12];
        var environment = new Dictionary<string, string>
        {
            ["PLAYBOUND_CLUSTER_STATE"] = state,
            ["PLAYBOUND_CLUSTER_API_PORT"] = LoopbackPorts.NextRange(PortsPerRange).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYBOUND_CLUSTER_SILO_HTTP_PORT"] = LoopbackPorts.NextRange(PortsPerRange).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYBOUND_CLUSTER_SILO_PORT"] = LoopbackPorts.NextRange(PortsPerRange).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYBOUND_CLUSTER_GATEWAY_PORT"] = LoopbackPorts.NextRange(PortsPerRange).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYBOUND_CLUSTER_DATABASE"] = database,
            // The test project's build built the hosts already.
            ["PLAYBOUND_CLUSTER_NO_BUILD"] = "1",
        };
        try
        {
            var printed = await RunScriptAsync("up", environment);
            var pids = Directory.GetFiles(state, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var ready = ReadyUrl().Matches(printed).Select(m => m.Value).ToList();
            var api = ApiUrl().Matches(printed).Select(m => m.Groups[1].Value).ToList();

            Assert.Equal(6, pids.Count); // 3 silos, 2 Api nodes, the Kafka mock
            Assert.Equal(5, ready.Count);
            Assert.Equal(2, api.Count);
            using var http = new HttpClient();
            foreach (var url in ready)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
            }

            // Registered through one node, the token is accepted by the other: the nodes share the generated signing key.
            var user = await new ApiClient(new HttpClient { BaseAddress = new Uri(api[1]) }).RegisterAsync();
            var sameUserElsewhere = new ApiClient(new HttpClient { BaseAddress = new Uri(api[0]) });
            sameUserElsewhere.UseToken(user.AccessToken);
            Assert.Equal(user.Handle, (await sameUserElsewhere.GetJsonAsync("/api/v1/users/me")).GetProperty("handle").GetString());

            await RunScriptAsync("down", environment);
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs after down"));
            Assert.DoesNotContain("running", await RunScriptAsync("status", environment), StringComparison.Ordinal);
        }
        finally
        {
            await RunScriptAsync("down", environment);
            await TestServers.DropDatabaseAsync(database);
            await TestRedis.DeleteKeysAsync(database);
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<string> RunScriptAsync(string command, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(Paths.RepositoryRoot, "scripts", "cluster.sh"), [command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            // Reading to the end also proves the script's nodes do not hold its output open.
            await Task.WhenAll(output, error, process.WaitForExitAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"cluster.sh {command} did not finish (and close its output) within {ScriptTimeout.TotalSeconds} s");
        }

        Assert.True(process.ExitCode == 0, $"cluster.sh {command} exited with {process.ExitCode}: {await output}{await error}");
        return await output;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/health/ready")]
    private static partial Regex ReadyUrl();

    [GeneratedRegex(@"^api-\d+\s+(http://127\.0\.0\.1:\d+)", RegexOptions.Multiline)]
    private static partial Regex ApiUrl();
}
