using RoboDiffusion.Training;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// A Diffuser training run as read from YAML by `robodiff train --config` (with `method: diffuser`): dataset, planner
/// and optimizer. Defaults follow jannerm/diffuser config/maze2d.py: Adam lr 2e-4 (AdamW with weight decay 0, constant
/// rate), batch 32, EMA 0.995. Differences: Diffuser accumulates 2 batches per step (effective batch 64) and updates its
/// EMA (decay 0.995) every 10 steps after step 2000; here the EMA updates every step with decay 0.9995 (= 0.995 per 10
/// steps) after step 2000.
/// </summary>
public sealed record DiffuserTrainConfig : ITrainRunConfig<DiffuserTrainConfig>
{
    public string Dataset { get; init; } = "data/maze2d-umaze";   // a LeRobot dataset from `robodiff collect maze2d`
    public int BatchSize { get; init; } = 32;
    public DiffuserConfig Planner { get; init; } = new();
    public TrainConfig Training { get; init; } = new()
    {
        Steps = 100000, LearningRate = 2e-4, Beta1 = 0.9, Beta2 = 0.999, WeightDecay = 0, Schedule = LrSchedule.Constant,
        WarmupSteps = 0, LogEvery = 100, CheckpointEvery = 5000, OutputDir = "runs/maze2d_umaze",
        Ema = new() { UpdateAfterStep = 2000, MinValue = 0.9995, MaxValue = 0.9995 },
    };

    public DiffuserTrainConfig With(TrainRunOverrides overrides) =>
        this with { Dataset = overrides.DatasetOr(Dataset), Training = overrides.Apply(Training) };

    /// <summary>Checks every field; returns this.</summary>
    public DiffuserTrainConfig Validated()
    {
        TrainRunOverrides.ValidateCommon(Dataset, BatchSize, Training);
        return this;
    }
}
