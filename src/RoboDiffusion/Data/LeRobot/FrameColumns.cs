namespace RoboDiffusion.Data.LeRobot;

/// <summary>All data/*/*.parquet rows of a dataset, concatenated per column in storage order, with the file of each row range.</summary>
internal sealed class FrameColumns
{
    private readonly Dictionary<string, Array> _columns = [];
    private readonly List<(string Path, long Start)> _files = [];
    private readonly IReadOnlyList<FeatureSpec> _features;
    private long[] _index = [], _episodeIndex = [], _frameIndex = [], _taskIndex = [];
    private float[] _timestamp = [];

    private FrameColumns(IReadOnlyList<FeatureSpec> features) => _features = features;

    public static async Task<FrameColumns> LoadAsync(string root, IReadOnlyList<FeatureSpec> features, LeRobotInfo info)
    {
        var dataDir = Path.Combine(root, "data");
        var files = Directory.Exists(dataDir)
            ? Directory.GetDirectories(dataDir).SelectMany(d => Directory.GetFiles(d, "*.parquet")).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0) throw new DatasetFormatException(dataDir, "no data files (data/chunk-*/file-*.parquet).");
        var parts = features.ToDictionary(f => f.Name, _ => new List<Array>());
        List<long[]> index = [], episode = [], frame = [], task = [];
        List<float[]> time = [];
        var result = new FrameColumns(features);
        long rows = 0;
        foreach (var path in files)
        {
            await using var t = await ParquetTable.OpenAsync(path);
            result._files.Add((path, rows));
            rows += t.RowCount;
            index.Add(await t.ReadAsync<long>(LeRobotFormat.Index, 1));
            episode.Add(await t.ReadAsync<long>(LeRobotFormat.EpisodeIndex, 1));
            frame.Add(await t.ReadAsync<long>(LeRobotFormat.FrameIndex, 1));
            task.Add(await t.ReadAsync<long>(LeRobotFormat.TaskIndex, 1));
            time.Add(await t.ReadAsync<float>(LeRobotFormat.Timestamp, 1));
            foreach (var f in features) parts[f.Name].Add(await ReadFeatureAsync(t, f));
        }
        if (rows != info.TotalFrames)
            throw new DatasetFormatException(dataDir, $"data files hold {rows} frames, but info.json says total_frames = {info.TotalFrames}.");
        (result._index, result._episodeIndex, result._frameIndex, result._taskIndex) = ([.. index.SelectMany(x => x)],
            [.. episode.SelectMany(x => x)], [.. frame.SelectMany(x => x)], [.. task.SelectMany(x => x)]);
        result._timestamp = [.. time.SelectMany(x => x)];
        foreach (var f in features) result._columns[f.Name] = Concat(parts[f.Name]);
        return result;
    }

    /// <summary>The frames of one episode, after checking its bookkeeping columns.</summary>
    public Episode Episode(EpisodeRecord r, IReadOnlyList<string> tasks, int fps)
    {
        for (var k = r.DatasetFromIndex; k < r.DatasetToIndex; k++)
        {
            var i = k - r.DatasetFromIndex;
            if (_index[k] != k) throw Fail(k, $"index is {_index[k]} at storage row {k}; expected {k}.");
            if (_episodeIndex[k] != r.EpisodeIndex) throw Fail(k, $"row {k} has episode_index {_episodeIndex[k]}, the episode table says {r.EpisodeIndex}.");
            if (_frameIndex[k] != i) throw Fail(k, $"row {k} has frame_index {_frameIndex[k]}, expected {i}.");
            if (!LeRobotFormat.TimestampMatches(_timestamp[k], i, fps))
                throw Fail(k, $"row {k} has timestamp {_timestamp[k]}, expected {i / (double)fps} (frame_index / fps).");
            if (_taskIndex[k] < 0 || _taskIndex[k] >= tasks.Count) throw Fail(k, $"row {k} has task_index {_taskIndex[k]}; there are {tasks.Count} tasks.");
        }
        var task = tasks[(int)_taskIndex[r.DatasetFromIndex]];
        var columns = _features.ToDictionary(f => f.Name, f => Slice(_columns[f.Name], r.DatasetFromIndex * f.Size, r.Length * f.Size));
        return new Episode(task, r.Length, columns);
    }

    private static async Task<Array> ReadFeatureAsync(ParquetTable t, FeatureSpec f)
    {
        switch (f.DType)
        {
            case FeatureDType.Float32: return await t.ReadAsync<float>(f.Name, f.Size);
            case FeatureDType.Int64: return await t.ReadAsync<long>(f.Name, f.Size);
            case FeatureDType.Bool: return await t.ReadAsync<bool>(f.Name, f.Size);
            default:
                var encoded = await t.ReadImageBytesAsync(f.Name);
                var pixels = new byte[(long)encoded.Length * f.Size];
                for (var i = 0; i < encoded.Length; i++)
                    PngImages.Decode(encoded[i], f.Shape[0], f.Shape[1], pixels.AsSpan(i * f.Size, f.Size), t.Path, f.Name, i);
                return pixels;
        }
    }

    private static Array Concat(List<Array> parts)
    {
        var total = parts.Sum(p => (long)p.Length);
        var result = Array.CreateInstance(parts[0].GetType().GetElementType()!, total);
        long offset = 0;
        foreach (var p in parts) { Array.Copy(p, 0, result, offset, p.Length); offset += p.Length; }
        return result;
    }

    private static Array Slice(Array source, long start, long length)
    {
        var result = Array.CreateInstance(source.GetType().GetElementType()!, length);
        Array.Copy(source, start, result, 0, length);
        return result;
    }

    private DatasetFormatException Fail(long row, string problem)
    {
        var file = _files.Last(f => f.Start <= row);
        return new DatasetFormatException(file.Path, problem);
    }
}
