namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Loads a LeRobot v3.0 dataset folder into memory (the layout <see cref="LeRobotWriter"/> writes and LeRobot's own
/// recorder writes, video features excepted). Reads info.json, tasks, episode metadata and every data/*/*.parquet
/// (load_nested_dataset globs the same way), then checks the bookkeeping columns: index runs 0..N−1 in storage order,
/// episode_index and frame_index match the episode table, timestamps lie within 1e-4 s of frame_index/fps, and task
/// indices exist. Any violation is a <see cref="DatasetFormatException"/> naming the file.
/// </summary>
public static class LeRobotReader
{
    /// <summary>Reads synchronously; see <see cref="ReadAsync"/>.</summary>
    public static LeRobotDataset Read(string root, IReadOnlyCollection<string>? only = null) => ReadAsync(root, only).GetAwaiter().GetResult();

    /// <summary>
    /// Reads and validates the dataset. With <paramref name="only"/>, loads just those features (besides the bookkeeping
    /// columns): a low-dimensional training need not decode every image of a dataset recorded with them.
    /// </summary>
    public static async Task<LeRobotDataset> ReadAsync(string root, IReadOnlyCollection<string>? only = null)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new DatasetFormatException(root, "dataset folder not found.");
        var infoPath = Path.Combine(root, LeRobotFormat.InfoPath);
        var info = LeRobotInfo.Load(infoPath);
        var features = Selected(info.Features.Where(f => !LeRobotFormat.IsDefaultFeature(f.Name)).ToList(), only, infoPath);
        var missing = LeRobotFormat.DefaultFeatures.Where(d => info.Features.All(f => f.Name != d.Name)).Select(d => d.Name).ToList();
        if (missing.Count > 0) throw new DatasetFormatException(infoPath, $"features lack the default columns {string.Join(", ", missing)}.");

        var tasksPath = Path.Combine(root, LeRobotFormat.TasksPath);
        var tasks = await MetaFiles.ReadTasksAsync(tasksPath);
        if (tasks.Length != info.TotalTasks)
            throw new DatasetFormatException(tasksPath, $"{tasks.Length} tasks, but info.json says total_tasks = {info.TotalTasks}.");
        var records = await MetaFiles.ReadEpisodesAsync(root);
        CheckEpisodeTable(Path.Combine(root, "meta", "episodes"), records, info);

        var frames = await FrameColumns.LoadAsync(root, features, info);
        var episodes = records.Select(r => frames.Episode(r, tasks, info.Fps)).ToList();
        var statsPath = Path.Combine(root, LeRobotFormat.StatsPath);
        var stats = File.Exists(statsPath) ? DatasetStats.Load(statsPath) : null;
        return new LeRobotDataset(root, info, new EpisodeDataset(info.Fps, features, episodes, info.RobotType), stats);
    }

    private static List<FeatureSpec> Selected(List<FeatureSpec> features, IReadOnlyCollection<string>? only, string infoPath)
    {
        if (only is null) return features;
        var unknown = only.Where(name => features.All(f => f.Name != name)).ToList();
        if (unknown.Count > 0)
            throw new DatasetFormatException(infoPath, $"no feature {string.Join(", ", unknown.Select(n => $"'{n}'"))}; it has {string.Join(", ", features.Select(f => f.Name))}.");
        return [.. features.Where(f => only.Contains(f.Name))];
    }

    private static void CheckEpisodeTable(string dir, IReadOnlyList<EpisodeRecord> records, LeRobotInfo info)
    {
        if (records.Count != info.TotalEpisodes)
            throw new DatasetFormatException(dir, $"{records.Count} episode rows, but info.json says total_episodes = {info.TotalEpisodes}.");
        long next = 0;
        for (var e = 0; e < records.Count; e++)
        {
            var r = records[e];
            if (r.EpisodeIndex != e) throw new DatasetFormatException(dir, $"episode_index values must be 0..{records.Count - 1}; found {r.EpisodeIndex} at position {e}.");
            if (r.DatasetFromIndex != next || r.DatasetToIndex - r.DatasetFromIndex != r.Length || r.Length <= 0)
                throw new DatasetFormatException(dir, $"episode {e}: range [{r.DatasetFromIndex}, {r.DatasetToIndex}) with length {r.Length} does not continue at index {next}.");
            if (r.Tasks.Count != 1)
                throw new DatasetFormatException(dir, $"episode {e} has {r.Tasks.Count} tasks; one task per episode is supported.");
            next = r.DatasetToIndex;
        }
        if (next != info.TotalFrames)
            throw new DatasetFormatException(dir, $"episodes cover {next} frames, but info.json says total_frames = {info.TotalFrames}.");
    }
}
