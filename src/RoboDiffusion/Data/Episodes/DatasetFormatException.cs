namespace RoboDiffusion.Data;

/// <summary>A dataset file that is missing, truncated or malformed. The message starts with the file's path.</summary>
public sealed class DatasetFormatException : IOException
{
    /// <summary>Builds "path: problem", keeping the low-level cause as the inner exception.</summary>
    public DatasetFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The file (or folder) at fault.</summary>
    public string FilePath { get; }
}
