using Microsoft.Extensions.Configuration;

namespace Playbound.Hosting;

/// <summary>
/// The Orleans Dashboard (<c>Playbound:Dashboard</c>): off unless <c>Enabled</c>; served by every silo (and the
/// embedded Api, which hosts one) on its HTTP port under <c>Path</c>. It has no authentication of its own and shows
/// grain types, silos and call statistics: enable it only where that port is private to operators.
/// </summary>
public sealed record DashboardSettings(bool Enabled, string Path)
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Playbound:Dashboard";

    /// <summary>The default path.</summary>
    public const string DefaultPath = "/dashboard";

    /// <summary>Reads <c>Playbound:Dashboard:Enabled</c> (default false) and <c>:Path</c> (default <see cref="DefaultPath"/>).</summary>
    public static DashboardSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var enabled = bool.TryParse(section["Enabled"], out var value) && value;
        var path = section["Path"] is { Length: > 0 } configured ? configured : DefaultPath;
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"{SectionName}:Path must start with '/' (got '{path}').");
        }

        return new(enabled, path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : throw new InvalidOperationException($"{SectionName}:Path cannot be '/'."));
    }
}
