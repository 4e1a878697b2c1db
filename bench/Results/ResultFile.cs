using System.Text.Json;

namespace Playbound.Bench.Results;

/// <summary>Reads and writes result files: a JSON array of <see cref="BenchmarkResult"/>, one file per program run.</summary>
public static class ResultFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(string path, IEnumerable<BenchmarkResult> results)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(results.ToArray(), Json));
    }

    public static IReadOnlyList<BenchmarkResult> Read(string path) =>
        JsonSerializer.Deserialize<BenchmarkResult[]>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} holds no results.");

    /// <summary>Every result in the folder's <c>*.json</c> files, in file-name order.</summary>
    public static IReadOnlyList<BenchmarkResult> ReadFolder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).SelectMany(Read)];
}
