namespace RoboDiffusion.Data.LeRobot;

/// <summary>Options of <see cref="LeRobotWriter"/>; the defaults are LeRobot's.</summary>
public sealed record LeRobotWriteOptions
{
    /// <summary>A data file rolls over to the next once it reaches this size (data_files_size_in_mb).</summary>
    public int DataFilesSizeInMb { get; init; } = LeRobotFormat.DefaultDataFilesSizeInMb;
    /// <summary>Files per chunk folder (chunks_size).</summary>
    public int ChunksSize { get; init; } = LeRobotFormat.DefaultChunksSize;
    /// <summary>Replace an existing dataset folder (after the new one is complete); otherwise an existing folder is an error.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Byte limit per data file overriding DataFilesSizeInMb, so tests can force several files.</summary>
    internal long? DataFileBytesLimit { get; init; }

    /// <summary>The data file limit in bytes.</summary>
    internal long DataFileBytes => DataFileBytesLimit ?? DataFilesSizeInMb * 1024L * 1024L;

    /// <summary>Checks the limits; returns this record.</summary>
    public LeRobotWriteOptions Validated() => DataFilesSizeInMb > 0 && ChunksSize > 0 ? this
        : throw new ArgumentException($"DataFilesSizeInMb ({DataFilesSizeInMb}) and ChunksSize ({ChunksSize}) must be positive.");
}
