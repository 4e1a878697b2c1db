namespace Playbound.Runtime.Tests.Storage;

/// <summary>A nested record inside <see cref="ProfileState"/>.</summary>
public sealed record ProfileAddress(string City, string[] Lines);
