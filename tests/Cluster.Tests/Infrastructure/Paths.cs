using System.Reflection;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>Where things are, from the metadata the project file stamps into this assembly at build time.</summary>
public static class Paths
{
    /// <summary>The Api's entry assembly built in the same configuration as these tests.</summary>
    public static string ApiAssembly { get; } = Metadata("ApiAssembly");

    /// <summary>The silo host's entry assembly built in the same configuration as these tests.</summary>
    public static string SiloAssembly { get; } = Metadata("SiloAssembly");

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The Api project directory: Api nodes run here so their content root, and so <c>wwwroot</c>, is the source's.</summary>
    public static string ApiProject => Path.Combine(RepositoryRoot, "src", "Api");

    /// <summary>The silo project directory, the silos' working directory.</summary>
    public static string SiloProject => Path.Combine(RepositoryRoot, "src", "Silo");

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} has no value");
}
