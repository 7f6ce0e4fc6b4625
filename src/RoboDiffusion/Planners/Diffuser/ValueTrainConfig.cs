using RoboDiffusion.Training;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// A value-network training run as read from YAML by `robodiff train --config` (with `method: diffuser_value`). The value
/// must see trajectories normalized exactly as its planner does, so it takes the planner's config and normalizer from
/// the <see cref="Planner"/> folder, or mirrors the <see cref="Model"/> config and fits the same min-max statistics on the
/// same dataset (then <see cref="DiffuserValue.Guidance"/> checks the statistics are equal). Optimizer defaults are
/// Diffuser's value runs (config/locomotion.py values: Adam 2e-4, batch 32, EMA 0.995, 200k steps); the step count here
/// is a CPU budget.
/// </summary>
public sealed record ValueTrainConfig : ITrainRunConfig<ValueTrainConfig>
{
    public string Dataset { get; init; } = "data/maze2d-umaze";   // the planner's LeRobot dataset
    public string? Planner { get; init; }                         // a planner folder (models/… or runs/…/checkpoints/step-…)
    public DiffuserConfig? Model { get; init; }                   // or the planner config to mirror (normalizer fitted here)
    public string RewardKey { get; init; } = "next.reward";       // Maze2DFeatures.Reward: sparse, 1 within 0.5 of the goal
    public double Discount { get; init; } = 0.99;                 // γ (Diffuser's value discount)
    public bool InpaintGoal { get; init; }                        // inpaint the window's last observation too (default: start only)
    public int BatchSize { get; init; } = 32;
    public TrainConfig Training { get; init; } = new()
    {
        Steps = 5000, LearningRate = 2e-4, Beta1 = 0.9, Beta2 = 0.999, WeightDecay = 0, Schedule = LrSchedule.Constant,
        WarmupSteps = 0, LogEvery = 100, CheckpointEvery = 1000, OutputDir = "runs/maze2d_umaze_value",
        Ema = new() { UpdateAfterStep = 500, MinValue = 0.995, MaxValue = 0.995 },
    };

    public ValueTrainConfig With(TrainRunOverrides overrides) =>
        this with { Dataset = overrides.DatasetOr(Dataset), Training = overrides.Apply(Training) };

    /// <summary>Checks every field; returns this.</summary>
    public ValueTrainConfig Validated()
    {
        if ((Planner is null) == (Model is null))
            throw new ArgumentException("Give exactly one of 'planner' (a trained planner folder: its config and normalizer are used) " +
                                        "and 'model' (a planner config to mirror; the normalizer is fitted on the dataset).");
        if (string.IsNullOrWhiteSpace(RewardKey)) throw new ArgumentException("'reward_key' must name the dataset's reward column.");
        if (Discount is not (> 0 and <= 1)) throw new ArgumentException($"'discount' must be in (0, 1], got {Discount}.");
        TrainRunOverrides.ValidateCommon(Dataset, BatchSize, Training);
        return this;
    }
}
