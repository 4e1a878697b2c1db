namespace Playbound.KafkaMock;

/// <summary>Publishes the bootstrap addresses to other processes through a file.</summary>
internal static class BootstrapFile
{
    /// <summary>
    /// Writes a temporary file next to <paramref name="path"/> and renames it over <paramref name="path"/>: a rename
    /// within one directory is atomic, so a reader polling for the file never sees it empty or half written.
    /// </summary>
    public static void Write(string path, string bootstrapServers)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, bootstrapServers);
        File.Move(temporary, full, overwrite: true);
    }
}
