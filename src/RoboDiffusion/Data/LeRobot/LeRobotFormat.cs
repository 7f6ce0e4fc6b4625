namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Constants of LeRobot's dataset layout v3.0 (huggingface/lerobot src/lerobot/datasets/utils.py and
/// utils/constants.py): path templates, file rolling limits, and the default bookkeeping features.
/// </summary>
public static class LeRobotFormat
{
    /// <summary>The layout version this code writes and reads.</summary>
    public const string CodebaseVersion = "v3.0";
    /// <summary>DEFAULT_DATA_PATH.</summary>
    public const string DataPathTemplate = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";
    /// <summary>DEFAULT_VIDEO_PATH (written only when a feature is a video; this code writes none).</summary>
    public const string VideoPathTemplate = "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4";
    /// <summary>meta/info.json.</summary>
    public const string InfoPath = "meta/info.json";
    /// <summary>meta/stats.json.</summary>
    public const string StatsPath = "meta/stats.json";
    /// <summary>meta/tasks.parquet.</summary>
    public const string TasksPath = "meta/tasks.parquet";
    /// <summary>Default files per chunk folder.</summary>
    public const int DefaultChunksSize = 1000;
    /// <summary>Default data file size before rolling over to the next file.</summary>
    public const int DefaultDataFilesSizeInMb = 100;
    /// <summary>Default video file size before rolling over.</summary>
    public const int DefaultVideoFilesSizeInMb = 200;
    /// <summary>Time stamps must lie within this of frame_index / fps (lerobot_dataset.py tolerance_s).</summary>
    public const double TimestampToleranceS = 1e-4;

    /// <summary>True if <paramref name="timestamp"/> lies within <see cref="TimestampToleranceS"/> of frame_index / fps.</summary>
    public static bool TimestampMatches(double timestamp, long frameIndex, int fps) =>
        Math.Abs(timestamp - frameIndex / (double)fps) <= TimestampToleranceS;

    /// <summary>Feature names LeRobot adds to every dataset.</summary>
    public const string Timestamp = "timestamp", FrameIndex = "frame_index", EpisodeIndex = "episode_index",
        Index = "index", TaskIndex = "task_index";

    /// <summary>DEFAULT_FEATURES: timestamp float32 [1] and four int64 [1] indices, each with "names": null.</summary>
    public static readonly IReadOnlyList<FeatureSpec> DefaultFeatures =
    [
        new(Timestamp, FeatureDType.Float32, [1]),
        new(FrameIndex, FeatureDType.Int64, [1]),
        new(EpisodeIndex, FeatureDType.Int64, [1]),
        new(Index, FeatureDType.Int64, [1]),
        new(TaskIndex, FeatureDType.Int64, [1]),
    ];

    /// <summary>True for the five bookkeeping features.</summary>
    public static bool IsDefaultFeature(string name) => DefaultFeatures.Any(f => f.Name == name);

    /// <summary>data/chunk-CCC/file-FFF.parquet.</summary>
    public static string DataPath(int chunk, int file) => $"data/chunk-{chunk:D3}/file-{file:D3}.parquet";

    /// <summary>meta/episodes/chunk-CCC/file-FFF.parquet.</summary>
    public static string EpisodesPath(int chunk, int file) => $"meta/episodes/chunk-{chunk:D3}/file-{file:D3}.parquet";

    /// <summary>The info.json dtype string of a dtype.</summary>
    public static string DTypeName(FeatureDType dtype) => dtype switch
    {
        FeatureDType.Float32 => "float32",
        FeatureDType.Int64 => "int64",
        FeatureDType.Bool => "bool",
        FeatureDType.Image => "image",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
