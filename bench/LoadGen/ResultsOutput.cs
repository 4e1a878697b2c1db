using Playbound.Bench.Results;

namespace Playbound.LoadGen;

/// <summary>How every command hands over its figures: one console line each, and all of them to <c>--out FILE.json</c> when given.</summary>
public static class ResultsOutput
{
    public static void Report(LoadGenOptions options, params BenchmarkResult[] results)
    {
        foreach (var result in results)
        {
            Console.WriteLine(result);
        }

        var path = options.Text("out", "");
        if (path.Length > 0)
        {
            ResultFile.Write(path, results);
            Console.WriteLine($"results written to {path}");
        }
    }
}
