using Playbound.EndToEnd.Tests.Infrastructure;

namespace Playbound.EndToEnd.Tests;

/// <summary>
/// The hub contract through the official SignalR JavaScript client under node: node/hub.test.js registers users,
/// follows, connects and asserts what each connection receives (see that file for the cases).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NodeClientTests(ApiProcess api)
{
    private const string NodeMissing = "node and npm are required by the end-to-end tests; run scripts/ensure-browser.sh";

    [Fact]
    public async Task The_official_signalr_client_receives_exactly_the_pushes_meant_for_its_user()
    {
        await EnsureNodeModulesAsync();

        var run = await CommandLine.RunAsync(
            "node", ["--test", "--test-reporter=spec", "hub.test.js"], Paths.NodeTests, TimeSpan.FromSeconds(60), NodeMissing,
            new Dictionary<string, string> { ["PLAYBOUND_BASE_URL"] = api.BaseAddress.ToString().TrimEnd('/') });

        Assert.True(run.ExitCode == 0, api.Failure($"node --test exited with {run.ExitCode}:\n{run.Output}").Message);
        // The spec reporter's summary, so a script that lost its tests cannot pass by running none.
        Assert.Matches(@"(?m)\bpass [1-9][0-9]*$", run.Output);
    }

    // npm ci only when node_modules is missing, so repeated runs stay offline and fast.
    private static async Task EnsureNodeModulesAsync()
    {
        if (Directory.Exists(Path.Combine(Paths.NodeTests, "node_modules", "@microsoft", "signalr")))
        {
            return;
        }

        var install = await CommandLine.RunAsync(
            "npm", ["ci", "--no-audit", "--no-fund"], Paths.NodeTests, TimeSpan.FromMinutes(2), NodeMissing);
        Assert.True(install.ExitCode == 0, $"npm ci exited with {install.ExitCode}:\n{install.Output}");
    }
}
