using Playbound.Deploy.Tests.Checks;

namespace Playbound.Deploy.Tests;

/// <summary>Paths and facts of the repository the tests run in.</summary>
internal static class Repository
{
    /// <summary>The Secret prod (and the bare base) expects to exist in the namespace; k8s/README.md documents it.</summary>
    public const string ExternalSecret = "playbound-secrets";

    public static string Root { get; } = FindRoot();

    public static string K8s(string relative) => Path.Combine(Root, "k8s", relative);

    /// <summary>The keys in README.md's Configuration table.</summary>
    public static IReadOnlySet<string> ConfigurationKeys { get; } = ConfigurationTable.Keys(File.ReadAllText(Path.Combine(Root, "README.md")));

    public static CheckContext ContextFor(string overlay) =>
        new(ConfigurationKeys, overlay == "overlays/dev" ? new HashSet<string>() : new HashSet<string> { ExternalSecret });

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Playbound.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Playbound.sln not found above " + AppContext.BaseDirectory);
    }
}
