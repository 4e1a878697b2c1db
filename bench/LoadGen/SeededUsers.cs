namespace Playbound.LoadGen;

/// <summary>A user the seeder created, as listed in <c>users.txt</c> (one "userId handle" per line).</summary>
public sealed record SeededUser(string UserId, string Handle);

public static class SeededUsers
{
    public const string FileName = "users.txt";

    public static IReadOnlyList<SeededUser> Read(string path) =>
        File.ReadLines(path).Select(static line => line.Split(' ')).Select(static p => new SeededUser(p[0], p[1])).ToArray();

    public static void Write(string directory, IEnumerable<SeededUser> users) =>
        File.WriteAllLines(Path.Combine(directory, FileName), users.Select(static u => $"{u.UserId} {u.Handle}"));
}
