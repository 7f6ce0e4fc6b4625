using RoboDiffusion.Data;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// Trains an <see cref="MpdPlanner"/> on a LeRobot dataset of planner trajectories (`robodiff collect mpd`: one episode
/// of H frames per trajectory) with the core's <see cref="Trainer{TBatch}"/>: windows of H frames, min-max normalizer
/// on the state fitted on the whole dataset and written into every checkpoint, so any checkpoint folder is a loadable planner.
/// </summary>
public sealed class MpdTraining : DatasetTrainingRun
{
    /// <param name="config">The run.</param>
    /// <param name="display">Progress display (null: chosen from the config).</param>
    public MpdTraining(MpdTrainConfig config, ITrainingDisplay? display = null)
    {
        Config = config.Validated();
        var p = Config.Planner;
        var table = ReadDataset(Config.Dataset, p.StateKey);
        var resolved = p.Resolved(table.NumericDim(p.StateKey));
        Planner = new MpdPlanner(resolved, NormalizerSet.Fit(table, [resolved.StateKey]), Config.Training.Seed);
        var windows = WholeWindows(table, Config.Dataset, resolved.Horizon, [resolved.StateKey]);
        var options = new TrainerOptions { ModelConfig = resolved, WriteExtraFiles = Planner.WriteNormalizer, Display = display };
        Start(new Trainer<Dictionary<string, Tensor>>(Planner.Model, (batch, g) => Planner.Loss(batch, g),
            new RandomWindowBatches(windows, Config.BatchSize), Config.Training, options), windows.Count, table);
    }

    public MpdTrainConfig Config { get; }
    public MpdPlanner Planner { get; }

    protected override void DisposeModel() => Planner.Dispose();
}
