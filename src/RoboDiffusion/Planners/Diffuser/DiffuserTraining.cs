using RoboDiffusion.Data;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Trains a <see cref="DiffuserPlanner"/> on a LeRobot dataset with the core's <see cref="Trainer{TBatch}"/>: windows of
/// H frames inside episodes, without padding (Diffuser's use_padding False; episodes shorter than H give none), min-max
/// normalizer fitted on the whole dataset (LimitsNormalizer) and written into every checkpoint, so any checkpoint
/// folder is a loadable planner. Diffuser's make_indices takes starts 0 … L − H − 1; here 0 … L − H (one more per episode).
/// </summary>
public sealed class DiffuserTraining : DatasetTrainingRun
{
    /// <param name="config">The run.</param>
    /// <param name="display">Progress display (null: chosen from the config).</param>
    public DiffuserTraining(DiffuserTrainConfig config, ITrainingDisplay? display = null)
    {
        Config = config.Validated();
        var p = Config.Planner;
        var table = ReadDataset(Config.Dataset, p.ObservationKey, p.ActionKey);
        var resolved = p.Resolved(table.NumericDim(p.ObservationKey), table.NumericDim(p.ActionKey));
        Planner = new DiffuserPlanner(resolved, NormalizerSet.Fit(table, [resolved.ObservationKey, resolved.ActionKey]), Config.Training.Seed);
        var windows = WholeWindows(table, Config.Dataset, resolved.Horizon, [resolved.ObservationKey, resolved.ActionKey]);
        var options = new TrainerOptions { ModelConfig = resolved, WriteExtraFiles = Planner.WriteNormalizer, Display = display };
        Start(new Trainer<Dictionary<string, Tensor>>(Planner.Model, (batch, g) => Planner.Loss(batch, g),
            new RandomWindowBatches(windows, Config.BatchSize), Config.Training, options), windows.Count, table);
    }

    public DiffuserTrainConfig Config { get; }
    public DiffuserPlanner Planner { get; }

    protected override void DisposeModel() => Planner.Dispose();
}
