using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// meta/info.json of a LeRobot v3.0 dataset (DatasetInfo in lerobot/datasets/utils.py). <see cref="Features"/> lists
/// every column, the five default features included.
/// </summary>
public sealed record LeRobotInfo
{
    public string CodebaseVersion { get; init; } = LeRobotFormat.CodebaseVersion;
    public string? RobotType { get; init; }
    public int TotalEpisodes { get; init; }
    public int TotalFrames { get; init; }
    public int TotalTasks { get; init; }
    public int ChunksSize { get; init; } = LeRobotFormat.DefaultChunksSize;
    public int DataFilesSizeInMb { get; init; } = LeRobotFormat.DefaultDataFilesSizeInMb;
    public int VideoFilesSizeInMb { get; init; } = LeRobotFormat.DefaultVideoFilesSizeInMb;
    public int Fps { get; init; }
    /// <summary>Split name → episode range "start:end", e.g. {"train": "0:200"}.</summary>
    public IReadOnlyDictionary<string, string> Splits { get; init; } = new Dictionary<string, string>();
    public string DataPath { get; init; } = LeRobotFormat.DataPathTemplate;
    /// <summary>Null when no feature is a video.</summary>
    public string? VideoPath { get; init; }
    public IReadOnlyList<FeatureSpec> Features { get; init; } = [];

    /// <summary>The JSON object LeRobot's DatasetInfo.to_dict writes, keys in its order.</summary>
    public JsonObject ToJson()
    {
        var features = new JsonObject();
        foreach (var f in Features)
        {
            features[f.Name] = new JsonObject
            {
                ["dtype"] = LeRobotFormat.DTypeName(f.DType),
                ["shape"] = new JsonArray([.. f.Shape.Select(d => JsonValue.Create(d))]),
                ["names"] = f.Names is null ? null : new JsonArray([.. f.Names.Select(n => JsonValue.Create(n))]),
            };
        }
        var splits = new JsonObject();
        foreach (var (k, v) in Splits) splits[k] = v;
        return new JsonObject
        {
            ["codebase_version"] = CodebaseVersion,
            ["robot_type"] = RobotType,
            ["total_episodes"] = TotalEpisodes,
            ["total_frames"] = TotalFrames,
            ["total_tasks"] = TotalTasks,
            ["chunks_size"] = ChunksSize,
            ["data_files_size_in_mb"] = DataFilesSizeInMb,
            ["video_files_size_in_mb"] = VideoFilesSizeInMb,
            ["fps"] = Fps,
            ["splits"] = splits,
            ["data_path"] = DataPath,
            ["video_path"] = VideoPath,
            ["features"] = features,
        };
    }

    /// <summary>Reads and checks info.json; any problem becomes a <see cref="DatasetFormatException"/> naming the file.</summary>
    public static LeRobotInfo Load(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found (is this a LeRobot dataset folder?).");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new DatasetFormatException(path, $"malformed JSON ({e.Message}).", e); }
        if (root is not JsonObject o) throw new DatasetFormatException(path, "expected a JSON object.");
        try { return FromJson(o); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            throw new DatasetFormatException(path, e.Message, e);
        }
    }

    private static LeRobotInfo FromJson(JsonObject o)
    {
        var version = Required(o, "codebase_version").GetValue<string>();
        if (version != LeRobotFormat.CodebaseVersion)
            throw new FormatException(version.StartsWith("v2", StringComparison.Ordinal)
                ? $"codebase_version {version} is the old one-file-per-episode layout; convert it with LeRobot's convert_dataset_v21_to_v30.py (only {LeRobotFormat.CodebaseVersion} is read)."
                : $"unknown codebase_version '{version}'; only {LeRobotFormat.CodebaseVersion} is supported.");
        var features = Required(o, "features") as JsonObject ?? throw new FormatException("'features' must be an object.");
        return new LeRobotInfo
        {
            CodebaseVersion = version,
            RobotType = o["robot_type"]?.GetValue<string>(),
            TotalEpisodes = Required(o, "total_episodes").GetValue<int>(),
            TotalFrames = Required(o, "total_frames").GetValue<int>(),
            TotalTasks = Required(o, "total_tasks").GetValue<int>(),
            ChunksSize = o["chunks_size"]?.GetValue<int>() ?? LeRobotFormat.DefaultChunksSize,
            DataFilesSizeInMb = o["data_files_size_in_mb"]?.GetValue<int>() ?? LeRobotFormat.DefaultDataFilesSizeInMb,
            VideoFilesSizeInMb = o["video_files_size_in_mb"]?.GetValue<int>() ?? LeRobotFormat.DefaultVideoFilesSizeInMb,
            Fps = Required(o, "fps").GetValue<int>() is var fps and > 0 ? fps : throw new FormatException("'fps' must be positive."),
            Splits = (o["splits"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "") ?? [],
            DataPath = Required(o, "data_path").GetValue<string>(),
            VideoPath = o["video_path"]?.GetValue<string>(),
            Features = [.. features.Select(kv => ParseFeature(kv.Key, kv.Value))],
        };
    }

    private static FeatureSpec ParseFeature(string name, JsonNode? node)
    {
        if (node is not JsonObject f) throw new FormatException($"feature '{name}' must be an object.");
        var dtype = Required(f, "dtype").GetValue<string>() switch
        {
            "float32" => FeatureDType.Float32,
            "int64" => FeatureDType.Int64,
            "bool" => FeatureDType.Bool,
            "image" => FeatureDType.Image,
            "video" => throw new FormatException($"feature '{name}' is a video (mp4); video decoding is not supported, re-record with images."),
            var other => throw new FormatException($"feature '{name}' has dtype '{other}'; supported: float32, int64, bool, image."),
        };
        var shape = Required(f, "shape") as JsonArray ?? throw new FormatException($"feature '{name}': 'shape' must be a list.");
        return new FeatureSpec(name, dtype, [.. shape.Select(d => d!.GetValue<int>())], ParseNames(f["names"])).Validated();
    }

    /// <summary>names may be null, a list, or a dict of lists ({"motors": [...]}); dict values are concatenated.</summary>
    private static IReadOnlyList<string>? ParseNames(JsonNode? names) => names switch
    {
        null => null,
        JsonArray a => [.. a.Select(n => n?.ToString() ?? "")],
        JsonObject d => [.. d.SelectMany(kv => kv.Value as JsonArray ?? []).Select(n => n?.ToString() ?? "")],
        _ => [names.ToString()],
    };

    private static JsonNode Required(JsonObject o, string key) =>
        o[key] ?? throw new FormatException($"missing key '{key}'.");
}
