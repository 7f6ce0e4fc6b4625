using RoboDiffusion.Training;

namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// An MPD training run as read from YAML by `robodiff train --config` (with `method: mpd`): dataset, planner and
/// optimizer. Defaults follow MPD's 2-D launch: batch 128, Adam lr 3e-4 (constant), EMA on (decay 0.995 every 10
/// steps in Diffuser-style code = 0.9995 per step here, after step 1000). MPD trains 500,000 steps; the default here is less.
/// </summary>
public sealed record MpdTrainConfig : ITrainRunConfig<MpdTrainConfig>
{
    public string Dataset { get; init; } = "data/mpd-dense2d";   // a LeRobot dataset from `robodiff collect mpd`
    public int BatchSize { get; init; } = 128;
    public MpdConfig Planner { get; init; } = new();
    public TrainConfig Training { get; init; } = new()
    {
        Steps = 100000, LearningRate = 3e-4, Beta1 = 0.9, Beta2 = 0.999, WeightDecay = 0, Schedule = LrSchedule.Constant,
        WarmupSteps = 0, LogEvery = 100, CheckpointEvery = 2000, OutputDir = "runs/mpd_dense2d",
        Ema = new() { UpdateAfterStep = 1000, MinValue = 0.9995, MaxValue = 0.9995 },
    };

    public MpdTrainConfig With(TrainRunOverrides overrides) =>
        this with { Dataset = overrides.DatasetOr(Dataset), Training = overrides.Apply(Training) };

    /// <summary>Checks every field; returns this.</summary>
    public MpdTrainConfig Validated()
    {
        TrainRunOverrides.ValidateCommon(Dataset, BatchSize, Training);
        return this;
    }
}
