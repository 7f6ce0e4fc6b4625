using System.Text.Json;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Writes an <see cref="EpisodeDataset"/> as a LeRobot v3.0 dataset folder (lerobot/datasets/dataset_writer.py and
/// dataset_metadata.py): data/chunk-CCC/file-FFF.parquet, meta/info.json, meta/stats.json, meta/tasks.parquet and
/// meta/episodes/chunk-000/file-000.parquet. Images are PNG bytes in parquet ("image" dtype), not mp4 videos.
/// Everything is written to a hidden sibling folder that is renamed into place at the end, so a failed or
/// interrupted run leaves no half dataset.
/// </summary>
public static class LeRobotWriter
{
    /// <summary>Writes synchronously; see <see cref="WriteAsync"/>.</summary>
    public static void Write(EpisodeDataset data, string root, LeRobotWriteOptions? options = null, IProgress<int>? progress = null) =>
        WriteAsync(data, root, options, progress).GetAwaiter().GetResult();

    /// <summary>Writes the dataset to <paramref name="root"/>; <paramref name="progress"/> gets the number of episodes written.</summary>
    public static async Task WriteAsync(EpisodeDataset data, string root, LeRobotWriteOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new LeRobotWriteOptions()).Validated();
        if (data.Episodes.Count == 0) throw new ArgumentException("A dataset needs at least one episode.");
        RequireReadableTimestamps(data);
        root = Path.GetFullPath(root);
        if (Path.Exists(root) && !options.Overwrite)
            throw new IOException($"{root} already exists; choose another folder or set Overwrite.");
        var parent = Path.GetDirectoryName(root) ?? throw new ArgumentException($"{root} has no parent folder.");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(root)}.tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            await WriteContentsAsync(data, temp, options, progress, cancellationToken);
            if (Path.Exists(root)) Directory.Delete(root, recursive: true);
            Directory.Move(temp, root);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    private static async Task WriteContentsAsync(EpisodeDataset data, string dir, LeRobotWriteOptions options,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // 1. frames, one row group per episode
        var starts = DatasetStats.GlobalStarts(data);
        var records = new List<EpisodeRecord>();
        await using (var frames = new DataFileWriter(dir, data, options.DataFileBytes, options.ChunksSize))
        {
            for (var e = 0; e < data.Episodes.Count; e++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (chunk, file) = await frames.AppendAsync(e, starts[e]);
                var length = data.Episodes[e].Length;
                records.Add(new EpisodeRecord(e, [data.Episodes[e].Task], length, chunk, file, starts[e], starts[e] + length));
                progress?.Report(e + 1);
            }
        }
        // 2. metadata: tasks, episodes with per-episode stats, global stats, and info.json last
        await MetaFiles.WriteTasksAsync(Path.Combine(dir, LeRobotFormat.TasksPath.Replace('/', Path.DirectorySeparatorChar)), data.Tasks);
        var perEpisode = Enumerable.Range(0, data.Episodes.Count).Select(e => (IReadOnlyDictionary<string, FeatureStats>)DatasetStats.Compute(data, [e])).ToList();
        var featureNames = LeRobotFormat.DefaultFeatures.Concat(data.Features).Select(f => f.Name).ToList();
        await MetaFiles.WriteEpisodesAsync(Path.Combine(dir, LeRobotFormat.EpisodesPath(0, 0)), records, perEpisode, featureNames);
        var images = data.Features.Where(f => f.DType == FeatureDType.Image).Select(f => f.Name).ToHashSet();
        await WriteJsonAsync(Path.Combine(dir, LeRobotFormat.StatsPath), DatasetStats.ToJson(DatasetStats.Compute(data), images));
        await WriteJsonAsync(Path.Combine(dir, LeRobotFormat.InfoPath), InfoOf(data, options).ToJson());
    }

    /// <summary>The info.json record of a dataset.</summary>
    public static LeRobotInfo InfoOf(EpisodeDataset data, LeRobotWriteOptions? options = null)
    {
        options ??= new LeRobotWriteOptions();
        return new LeRobotInfo
        {
            RobotType = data.RobotType,
            TotalEpisodes = data.Episodes.Count,
            TotalFrames = data.TotalFrames,
            TotalTasks = data.Tasks.Count,
            ChunksSize = options.ChunksSize,
            DataFilesSizeInMb = options.DataFilesSizeInMb,
            Fps = data.Fps,
            Splits = new Dictionary<string, string> { ["train"] = $"0:{data.Episodes.Count}" },
            Features = [.. data.Features, .. LeRobotFormat.DefaultFeatures],
        };
    }

    private static async Task WriteJsonAsync(string path, System.Text.Json.Nodes.JsonNode node)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Time stamps are float32 and readers match them to frame_index / fps within 1e-4 s (lerobot_dataset.py tolerance_s);
    /// past ≈ 2,000 s (204,811 frames at 100 fps) float32 cannot, so a longer episode would be written but not read back.
    /// </summary>
    private static void RequireReadableTimestamps(EpisodeDataset data)
    {
        var longest = data.Episodes.Max(e => e.Length);
        for (var i = 0; i < longest; i++)
            if (!LeRobotFormat.TimestampMatches(DatasetStats.Timestamp(i, data.Fps), i, data.Fps))
                throw new ArgumentException($"An episode of {longest} frames at {data.Fps} fps is too long for LeRobot's float32 time stamps: " +
                                            $"from frame {i} on they miss frame_index / fps by more than {LeRobotFormat.TimestampToleranceS} s. Split it into shorter episodes.");
    }
}
