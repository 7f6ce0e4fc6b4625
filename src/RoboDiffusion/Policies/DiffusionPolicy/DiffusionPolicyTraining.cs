using RoboDiffusion.Data;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Policies.DiffusionPolicy;

/// <summary>
/// Trains a <see cref="DiffusionPolicy"/> on a LeRobot dataset with the core's <see cref="Trainer{TBatch}"/>: windows of
/// Tp frames padded at episode edges as diffusion_policy's sampler (pad_before = To − 1, pad_after = Ta − 1),
/// normalizer fitted on the whole dataset and written into every checkpoint, so any checkpoint folder is a loadable policy.
/// </summary>
public sealed class DiffusionPolicyTraining : DatasetTrainingRun
{
    /// <param name="config">The run.</param>
    /// <param name="evaluate">Builds the periodic evaluation from the policy being trained (null: none).</param>
    /// <param name="display">Progress display (null: chosen from the config).</param>
    public DiffusionPolicyTraining(DiffusionPolicyTrainConfig config, Func<DiffusionPolicy, EvalHook>? evaluate = null,
        ITrainingDisplay? display = null)
    {
        Config = config.Validated();
        var p = Config.Policy;
        var table = ReadDataset(Config.Dataset, [.. p.ObservationKeys, p.ActionKey, .. p.ImageKey is { } image ? [image] : Array.Empty<string>()]);
        var dims = p.ObservationKeys.Select(k => table.NumericDim(k)).ToList();
        int? imageSize = p.ImageKey is { } imageKey ? table.Shape(imageKey)[0] : null;
        var resolved = p.Resolved(dims, table.NumericDim(p.ActionKey), imageSize);
        var normalizer = NormalizerSet.Fit(table, resolved.ObservationKeys.Append(resolved.ActionKey).Distinct());
        Policy = new DiffusionPolicy(resolved, normalizer, Config.Training.Seed);
        var windows = new SequenceSampler(table, resolved.Horizon, resolved.ObsSteps - 1, resolved.ActionSteps - 1,
            [.. resolved.ObservationKeys.Append(resolved.ActionKey).Distinct()]);
        var options = new TrainerOptions
        {
            ModelConfig = resolved,
            WriteExtraFiles = Policy.WriteNormalizer,
            Evaluate = evaluate?.Invoke(Policy),
            Display = display,
        };
        Start(new Trainer<Dictionary<string, Tensor>>(Policy.Model, (batch, g) => Policy.Loss(batch, g),
            new RandomWindowBatches(windows, Config.BatchSize, resolved.ImageKey is { } key ? (key, resolved.ObsSteps) : null),
            Config.Training, options), windows.Count, table);
    }

    public DiffusionPolicyTrainConfig Config { get; }
    public DiffusionPolicy Policy { get; }

    protected override void DisposeModel() => Policy.Dispose();
}
