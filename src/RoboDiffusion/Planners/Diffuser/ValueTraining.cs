using RoboDiffusion.Data;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Trains a <see cref="DiffuserValue"/> with the core's <see cref="Trainer{TBatch}"/> on the planner's data and windows
/// (H frames inside episodes, no padding, as <see cref="DiffuserTraining"/>); the target of a window is the discounted
/// return-to-go of the reward column from its first frame to the end of its episode (Diffuser's ValueDataset, γ = 0.99).
/// Every checkpoint holds the value config and the planner's normalizer, so it loads with <see cref="DiffuserValue.Load"/>.
/// </summary>
public sealed class ValueTraining : DatasetTrainingRun
{
    /// <param name="config">The run.</param>
    /// <param name="display">Progress display (null: chosen from the config).</param>
    public ValueTraining(ValueTrainConfig config, ITrainingDisplay? display = null)
    {
        Config = config.Validated();
        var table = ReadDataset(Config.Dataset);
        var (planner, normalizer) = PlannerAndNormalizer(Config, table);
        Value = new DiffuserValue(new ValueModelConfig
        {
            Planner = planner, RewardKey = Config.RewardKey, Discount = Config.Discount, InpaintGoal = Config.InpaintGoal,
        }, normalizer, Config.Training.Seed);
        if (table.NumericDim(Config.RewardKey) != 1)
            throw new ArgumentException($"The reward column '{Config.RewardKey}' must hold one value per frame, it has {table.Dim(Config.RewardKey)}.");
        var windows = WholeWindows(table, Config.Dataset, planner.Horizon, [planner.ObservationKey, planner.ActionKey]);
        var episodes = Enumerable.Range(0, table.EpisodeCount).Select(table.EpisodeRange);
        ReturnsToGo = ValueObjective.ReturnsToGo(table.Values(Config.RewardKey), episodes, Config.Discount);
        var options = new TrainerOptions { ModelConfig = Value.Config, WriteExtraFiles = Value.WriteNormalizer, Display = display };
        Start(new Trainer<Dictionary<string, Tensor>>(Value.Network, (batch, g) => Value.Loss(batch, g),
            new ReturnWindowBatches(windows, ReturnsToGo, Config.BatchSize), Config.Training, options), windows.Count, table);
    }

    public ValueTrainConfig Config { get; }
    public DiffuserValue Value { get; }

    /// <summary>Return-to-go of every frame of the dataset (the targets of the windows starting there).</summary>
    public IReadOnlyList<float> ReturnsToGo { get; }

    protected override void DisposeModel() => Value.Dispose();

    /// <summary>The planner folder's config and normalizer, or the mirrored config with statistics fitted on the dataset.</summary>
    private static (DiffuserConfig Planner, NormalizerSet Normalizer) PlannerAndNormalizer(ValueTrainConfig c, FrameTable table)
    {
        if (c.Planner is { } dir)
        {
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Planner folder '{dir}' does not exist.");
            var p = TrainedWeights.ReadModelConfig<DiffuserConfig>(dir).Validated();
            var path = Path.Combine(dir, DiffuserPlanner.NormalizerFile);
            if (!File.Exists(path)) throw new FileNotFoundException($"Planner folder '{dir}' has no {DiffuserPlanner.NormalizerFile}.", path);
            foreach (var (key, dim) in new[] { (p.ObservationKey, p.ObservationDim), (p.ActionKey, p.ActionDim) })
                if (table.NumericDim(key) != dim)
                    throw new ArgumentException($"The planner reads '{key}' with {dim} dims, dataset '{c.Dataset}' has {table.Dim(key)}.");
            return (p, NormalizerSet.Load(path));
        }
        var m = c.Model!;
        var resolved = m.Resolved(table.NumericDim(m.ObservationKey), table.NumericDim(m.ActionKey));
        return (resolved, NormalizerSet.Fit(table, [resolved.ObservationKey, resolved.ActionKey]));
    }
}
