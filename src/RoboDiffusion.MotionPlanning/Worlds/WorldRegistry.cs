namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>
/// The built-in worlds (files in the repository's worlds/ folder, embedded in this assembly) by name, and any user world
/// file by path.
/// </summary>
public static class WorldRegistry
{
    /// <summary>Built-in name → world file name.</summary>
    public static IReadOnlyDictionary<string, string> BuiltIn { get; } = new Dictionary<string, string>
    {
        ["simple2d"] = "simple2d.json",
        ["dense2d"] = "dense2d.json",
        ["narrow2d"] = "narrow_passage2d.json",
        ["simple2d_extra"] = "simple2d_extra.json",
        ["dense2d_extra"] = "dense2d_extra.json",
    };

    /// <summary>A built-in world by name, or a world file by path (anything ending in .json or naming an existing file).</summary>
    public static World Load(string nameOrPath)
    {
        if (BuiltIn.TryGetValue(nameOrPath.ToLowerInvariant(), out var file))
        {
            var resource = $"RoboDiffusion.MotionPlanning.Worlds.{Path.GetFileNameWithoutExtension(file)}.json";
            using var stream = typeof(WorldRegistry).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Built-in world '{nameOrPath}' is missing from the assembly ({resource}).");
            using var reader = new StreamReader(stream);
            return WorldFile.Parse(reader.ReadToEnd(), $"worlds/{file}");
        }
        if (File.Exists(nameOrPath) || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return WorldFile.Load(nameOrPath);
        throw new ArgumentException($"Unknown world '{nameOrPath}'; valid names: {string.Join(", ", BuiltIn.Keys)} (or a path to a world .json file).");
    }
}
