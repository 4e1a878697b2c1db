namespace Playbound.Runtime.CodeGen.Tests.Samples;

/// <summary>A record argument and result, to prove requests round-trip through JSON.</summary>
public sealed record Point(int X, int Y);

internal interface ISampleBase : IGrainWithStringKey
{
    [ReadOnly]
    Task<string> Echo(string text);
}

internal interface ISample : ISampleBase
{
    Task<int> Add(int a, int b);

    Task<int> Add(int a, int b, int c);

    Task<Point> Move(Point point, int dx, string? label);

    [ReadOnly]
    Task<Point?> GetLast();

    Task Reset();

    Task Touch(string reason);
}

/// <summary>Hosts a nested grain interface.</summary>
internal static class SampleHost
{
    internal interface INested : IGrainWithStringKey
    {
        Task<int> Get();
    }
}
