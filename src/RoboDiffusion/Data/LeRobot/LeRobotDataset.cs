namespace RoboDiffusion.Data.LeRobot;

/// <summary>A LeRobot dataset folder as <see cref="LeRobotReader"/> loaded it.</summary>
/// <param name="Root">The dataset folder.</param>
/// <param name="Info">meta/info.json.</param>
/// <param name="Data">Episodes and user features (the default bookkeeping columns were checked and dropped).</param>
/// <param name="Stats">meta/stats.json, or null when the folder has none.</param>
public sealed record LeRobotDataset(string Root, LeRobotInfo Info, EpisodeDataset Data, IReadOnlyDictionary<string, FeatureStats>? Stats);
