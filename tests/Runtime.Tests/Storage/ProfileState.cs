namespace Playbound.Runtime.Tests.Storage;

/// <summary>A state with the shapes grains use: nested records, lists, dictionaries, unicode text.</summary>
public sealed record ProfileState(
    string Name,
    int Visits,
    ProfileAddress? Address,
    List<string> Tags,
    Dictionary<string, int> Scores)
{
    public static ProfileState Empty() => new("", 0, null, [], []);
}
