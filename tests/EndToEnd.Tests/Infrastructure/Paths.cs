using System.Reflection;

namespace Playbound.EndToEnd.Tests.Infrastructure;

/// <summary>Where things are, from the metadata the project file stamps into this assembly at build time.</summary>
public static class Paths
{
    /// <summary>The Api's entry assembly built in the same configuration as these tests.</summary>
    public static string ApiAssembly { get; } = Metadata("ApiAssembly");

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The Api project directory: the Api runs here so its content root, and so <c>wwwroot</c>, is the source's.</summary>
    public static string ApiProject => Path.Combine(RepositoryRoot, "src", "Api");

    /// <summary>The node project with the hub tests.</summary>
    public static string NodeTests => Path.Combine(RepositoryRoot, "tests", "EndToEnd.Tests", "node");

    /// <summary>Where screenshots go, so they survive the run (artifacts/ is git-ignored).</summary>
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", "screenshots")).FullName;

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} has no value");
}
