namespace RoboDiffusion.Data.Io;

/// <summary>
/// Writes a file or directory under a temporary name and renames it into place, so a crash never leaves a half-written
/// file (checkpoint, dataset, .npy, plot, GIF) where a reader would look.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> on a temporary sibling, then renames it.</summary>
    public static void Write(string path, Action<Stream> write) => WriteVia(path, temp =>
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// For writers that take a path (GIF and PNG encoders): <paramref name="writeTemp"/> writes the temporary sibling
    /// (same extension, hidden name), which is then renamed over <paramref name="path"/>; on failure it is removed.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeTemp)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{full} has no parent folder.");
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(full)}.tmp-{Guid.NewGuid():N}{Path.GetExtension(full)}");
        try
        {
            writeTemp(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes UTF-8 text atomically.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    /// <summary>
    /// Fills a fresh temporary directory through <paramref name="fill"/>, then renames it to <paramref name="directory"/>
    /// (an existing directory there is replaced). Returns the final path.
    /// </summary>
    public static string WriteDirectory(string directory, Action<string> fill)
    {
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            fill(temp);
            if (Directory.Exists(full)) ReplaceDirectory(temp, full, parent);
            else Directory.Move(temp, full);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        return full;
    }

    private static void ReplaceDirectory(string temp, string full, string parent)
    {   // A directory cannot be renamed over another: move the old one aside first, delete it last.
        var old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{Guid.NewGuid():N}");
        Directory.Move(full, old);
        Directory.Move(temp, full);
        Directory.Delete(old, recursive: true);
    }
}
