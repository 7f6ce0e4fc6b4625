namespace RoboDiffusion.Data;

/// <summary>
/// A whole demonstration dataset in memory: frame rate, robot type, the user features (LeRobot's default bookkeeping
/// features excluded) and the episodes in storage order. The constructor checks every episode against the features.
/// </summary>
public sealed class EpisodeDataset
{
    /// <summary>Validates and wraps the parts.</summary>
    public EpisodeDataset(int fps, IReadOnlyList<FeatureSpec> features, IReadOnlyList<Episode> episodes, string? robotType = null)
    {
        if (fps <= 0) throw new ArgumentException($"fps must be positive, got {fps}.");
        var dup = features.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Feature '{dup.Key}' is declared twice.");
        foreach (var f in features) f.Validated();
        for (var e = 0; e < episodes.Count; e++) episodes[e].Validate(features, e);
        Fps = fps;
        Features = features;
        Episodes = episodes;
        RobotType = robotType;
        Tasks = [.. episodes.Select(e => e.Task).Distinct()];
    }

    /// <summary>Frames per second of the recording (Push-T: 10).</summary>
    public int Fps { get; }

    /// <summary>Robot type written to info.json (null when unknown).</summary>
    public string? RobotType { get; }

    /// <summary>The user features, in column order.</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>Episodes in storage order (episode_index = position).</summary>
    public IReadOnlyList<Episode> Episodes { get; }

    /// <summary>Distinct task strings in order of first appearance (task_index = position).</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>Sum of the episode lengths.</summary>
    public int TotalFrames => Episodes.Sum(e => e.Length);

    /// <summary>The spec of a feature; unknown names list the valid ones.</summary>
    public FeatureSpec Feature(string name) => Features.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"Unknown feature '{name}'. Valid names: {string.Join(", ", Features.Select(f => f.Name))}.");

    /// <summary>All frames concatenated per feature, with episode boundaries (the layout training samples windows from).</summary>
    public FrameTable ToFrameTable() => FrameTable.From(this);
}
