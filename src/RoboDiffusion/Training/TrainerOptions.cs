namespace RoboDiffusion.Training;

/// <summary>The optional parts of a <see cref="Trainer{TBatch}"/> that are code, not configuration.</summary>
public sealed record TrainerOptions
{
    public EvalHook? Evaluate { get; init; }            // called every TrainConfig.EvalEvery steps
    public ITrainingDisplay? Display { get; init; }     // null = chosen from TrainConfig.Progress
    public object? ModelConfig { get; init; }           // serialized into each checkpoint's config.json as "model"
    public Action<string>? WriteExtraFiles { get; init; } // writes method files (e.g. a normalizer) into each checkpoint folder
}
