using System.Diagnostics;
using System.Text.Json.Nodes;
using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests;

/// <summary>
/// Where kubectl is installed, the tests' kustomize subset renders exactly what <c>kubectl kustomize</c> does, apart
/// from the hash suffix kustomize gives generated Secrets and ConfigMaps (and the references it rewrites to it).
/// </summary>
public sealed class KustomizeParityTests
{
    [KubectlTheory]
    [InlineData("base")]
    [InlineData("overlays/dev")]
    [InlineData("overlays/prod")]
    public void The_subset_renders_what_kubectl_kustomize_renders(string overlay)
    {
        var ours = Kustomization.Render(Repository.K8s(overlay));
        var output = KubectlKustomize(Repository.K8s(overlay));
        var generated = ours.Where(resource => resource.Kind() is "Secret" or "ConfigMap").Select(resource => resource.Name()!).ToList();
        foreach (var name in generated)
        {
            // kustomize appends "-<10 characters of hash>" to generated names and to every reference to them.
            output = System.Text.RegularExpressions.Regex.Replace(output, $@"\b{System.Text.RegularExpressions.Regex.Escape(name)}-[a-z0-9]{{10}}\b", name);
        }

        var theirs = Yaml.ReadDocuments(output);
        Assert.Equal(Keys(ours).Order(), Keys(theirs).Order());
        foreach (var resource in theirs)
        {
            var mine = ours.Single(candidate => Key(candidate) == Key(resource));
            if (mine.Kind() == "Secret")
            {
                // kubectl writes generated Secrets base64-encoded under `data` (and adds `type`); ours keep stringData.
                Assert.Equal(
                    mine["stringData"]!.AsObject().Select(pair => (pair.Key, (string?)pair.Value)).Order(),
                    resource["data"]!.AsObject().Select(pair => (pair.Key, (string?)System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)pair.Value!)))).Order());
                continue;
            }

            Assert.True(JsonNode.DeepEquals(mine, resource), $"{Key(resource)} differs:\nours:   {mine.ToJsonString()}\nkubectl: {resource.ToJsonString()}");
        }
    }

    private static IEnumerable<string> Keys(IEnumerable<JsonObject> resources) => resources.Select(Key);

    private static string Key(JsonObject resource) => $"{resource.Kind()} {resource["metadata"]?["namespace"]}/{resource.Name()}";

    private static string KubectlKustomize(string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(KubectlTheoryAttribute.Kubectl!, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "kubectl kustomize did not finish within 60 s");
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {error.Result}");
        return output.Result;
    }
}

/// <summary>A theory that is skipped where kubectl is not on PATH.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public static string? Kubectl { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "kubectl"))
        .FirstOrDefault(File.Exists);

    public KubectlTheoryAttribute()
    {
        if (Kubectl is null)
        {
            Skip = "kubectl is not installed";
        }
    }
}
