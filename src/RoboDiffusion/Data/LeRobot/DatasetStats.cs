using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Statistics of every feature (user and default ones) over a set of episodes, and their meta/stats.json form
/// (write_stats in lerobot/datasets/io_utils.py: lists of length = shape; images per channel as [3][1][1]).
/// </summary>
public static class DatasetStats
{
    /// <summary>Stats of all features over the given episodes (all of them when null).</summary>
    public static Dictionary<string, FeatureStats> Compute(EpisodeDataset data, IReadOnlyList<int>? episodes = null)
    {
        episodes ??= [.. Enumerable.Range(0, data.Episodes.Count)];
        var starts = GlobalStarts(data);
        var count = episodes.Sum(e => data.Episodes[e].Length);
        var result = new Dictionary<string, FeatureStats>();
        foreach (var f in data.Features)
        {
            result[f.Name] = f.DType == FeatureDType.Image
                ? FeatureStats.ComputeImage(episodes.Select(e => data.Episodes[e].Pixels(f.Name)), count)
                : FromBuffer(Concat(episodes, e => ToDoubles(data.Episodes[e].Column(f.Name))), count, f.Size);
        }
        foreach (var f in LeRobotFormat.DefaultFeatures)
        {
            var buffer = Concat(episodes, e => DefaultColumn(data, f.Name, e, starts[e]));
            result[f.Name] = FromBuffer(buffer, count, 1);
        }
        return result;
    }

    /// <summary>The value of a default feature for every frame of episode <paramref name="e"/>.</summary>
    internal static double[] DefaultColumn(EpisodeDataset data, string name, int e, long start)
    {
        var n = data.Episodes[e].Length;
        var taskIndex = IndexOfTask(data, e);
        return [.. Enumerable.Range(0, n).Select(i => name switch
        {
            LeRobotFormat.Timestamp => (double)Timestamp(i, data.Fps),
            LeRobotFormat.FrameIndex => i,
            LeRobotFormat.EpisodeIndex => e,
            LeRobotFormat.Index => start + i,
            LeRobotFormat.TaskIndex => taskIndex,
            _ => throw new ArgumentException($"'{name}' is not a default feature."),
        })];
    }

    /// <summary>timestamp = frame_index / fps as float32 (dataset_writer.py add_frame).</summary>
    public static float Timestamp(int frameIndex, int fps) => (float)(frameIndex / (double)fps);

    internal static int IndexOfTask(EpisodeDataset data, int e) => data.Tasks.ToList().IndexOf(data.Episodes[e].Task);

    internal static long[] GlobalStarts(EpisodeDataset data)
    {
        var starts = new long[data.Episodes.Count];
        for (var e = 1; e < starts.Length; e++) starts[e] = starts[e - 1] + data.Episodes[e - 1].Length;
        return starts;
    }

    /// <summary>The stats.json object: {feature: {min, max, mean, std, count, q01…q99}}.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, FeatureStats> stats, ISet<string> imageFeatures)
    {
        var root = new JsonObject();
        foreach (var (name, s) in stats)
        {
            var image = imageFeatures.Contains(name);
            var o = new JsonObject
            {
                ["min"] = Vector(s.Min, image), ["max"] = Vector(s.Max, image),
                ["mean"] = Vector(s.Mean, image), ["std"] = Vector(s.Std, image),
                ["count"] = new JsonArray(JsonValue.Create(s.Count)),
            };
            foreach (var (key, _) in FeatureStats.QuantileLevels) o[key] = Vector(s.Quantiles[key], image);
            root[name] = o;
        }
        return root;
    }

    /// <summary>Reads meta/stats.json (image entries [3][1][1] flattened to 3 values).</summary>
    public static Dictionary<string, FeatureStats> Load(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found.");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("expected a JSON object.");
            return root.ToDictionary(kv => kv.Key, kv => Parse(kv.Key, kv.Value as JsonObject
                ?? throw new FormatException($"entry '{kv.Key}' must be an object.")));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new DatasetFormatException(path, $"malformed stats: {e.Message}", e);
        }
    }

    private static FeatureStats Parse(string name, JsonObject o)
    {
        double[] Get(string key) => Flatten(o[key] ?? throw new FormatException($"'{name}' lacks '{key}'.")).ToArray();
        var q = FeatureStats.QuantileLevels.Where(l => o.ContainsKey(l.Key)).ToDictionary(l => l.Key, l => Get(l.Key));
        var count = o["count"] is { } c ? (long)Flatten(c).First() : 0;
        return new FeatureStats(Get("min"), Get("max"), Get("mean"), Get("std"), count, q);
    }

    private static IEnumerable<double> Flatten(JsonNode node) => node switch
    {
        JsonArray a => a.SelectMany(x => Flatten(x ?? throw new FormatException("null in a stats list."))),
        JsonValue v when v.TryGetValue<bool>(out var b) => [b ? 1.0 : 0.0],
        JsonValue v => [v.GetValue<double>()],
        _ => throw new FormatException($"unexpected stats value {node.ToJsonString()}."),
    };

    private static JsonArray Vector(double[] v, bool image) => image
        ? new JsonArray([.. v.Select(x => (JsonNode)new JsonArray(new JsonArray(JsonValue.Create(x))))])
        : new JsonArray([.. v.Select(x => (JsonNode)JsonValue.Create(x))]);

    private static FeatureStats FromBuffer(double[] buffer, int count, int dim) =>
        FeatureStats.Compute(count, dim, (i, j) => buffer[i * dim + j]);

    private static double[] Concat(IEnumerable<int> episodes, Func<int, double[]> column) => [.. episodes.SelectMany(column)];

    private static double[] ToDoubles(Array column) => column switch
    {
        float[] x => [.. x.Select(v => (double)v)],
        long[] x => [.. x.Select(v => (double)v)],
        bool[] x => [.. x.Select(v => v ? 1.0 : 0.0)],
        _ => throw new ArgumentException($"No numeric stats for {column.GetType().Name}."),
    };
}
