namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// One row of meta/episodes/chunk-CCC/file-FFF.parquet (dataset_metadata.py _save_episode_metadata): where the
/// episode's frames live and their global index range [DatasetFromIndex, DatasetToIndex).
/// </summary>
public sealed record EpisodeRecord(
    int EpisodeIndex, IReadOnlyList<string> Tasks, int Length, int DataChunkIndex, int DataFileIndex,
    long DatasetFromIndex, long DatasetToIndex);
