namespace Playbound.Runtime.CodeGen.Tests.Samples;

/// <summary>A fake grain that records each call as text.</summary>
internal sealed class SampleGrain : ISample, SampleHost.INested, Alpha.IDuplicate, Beta.IDuplicate
{
    public List<string> Calls { get; } = [];

    public Task<string> Echo(string text) => Record($"Echo({text})", text);

    public Task<int> Add(int a, int b) => Record($"Add({a},{b})", a + b);

    public Task<int> Add(int a, int b, int c) => Record($"Add({a},{b},{c})", a + b + c);

    public Task<Point> Move(Point point, int dx, string? label) =>
        Record($"Move({point},{dx},{label ?? "null"})", point with { X = point.X + dx });

    public Task<Point?> GetLast() => Record("GetLast()", (Point?)null);

    public Task Reset() => Record("Reset()", 0);

    public async Task Touch(string reason)
    {
        // Completes asynchronously, to exercise VoidResult's slow path.
        await Task.Yield();
        Calls.Add($"Touch({reason})");
    }

    public Task<int> Get() => Record("Get()", 42);

    Task<string> Alpha.IDuplicate.Name() => Record("Alpha.Name()", "alpha");

    Task<string> Beta.IDuplicate.Name() => Record("Beta.Name()", "beta");

    private Task<T> Record<T>(string call, T result)
    {
        Calls.Add(call);
        return Task.FromResult(result);
    }
}
