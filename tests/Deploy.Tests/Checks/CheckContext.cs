namespace Playbound.Deploy.Tests.Checks;

/// <summary>What the checks compare a rendering with.</summary>
/// <param name="ConfigurationKeys">The keys README.md's Configuration table lists, with <c>:</c> separators.</param>
/// <param name="ExternalSecrets">Secrets the rendering may reference without defining, because they are created outside it.</param>
internal sealed record CheckContext(IReadOnlySet<string> ConfigurationKeys, IReadOnlySet<string> ExternalSecrets);
