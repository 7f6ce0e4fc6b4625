namespace RoboDiffusion.Training;

/// <summary>
/// What every method's training YAML has (Diffusion Policy, Diffuser, its value network, MPD): a LeRobot dataset, a batch
/// size and the optimizer/loop settings. `robodiff train` overrides these the same way for every method.
/// </summary>
public interface ITrainRunConfig<TSelf> where TSelf : ITrainRunConfig<TSelf>
{
    string Dataset { get; }
    int BatchSize { get; }
    TrainConfig Training { get; }

    /// <summary>This config with the command line's overrides applied (null fields keep the YAML's values).</summary>
    TSelf With(TrainRunOverrides overrides);

    /// <summary>Checks every field; returns this.</summary>
    TSelf Validated();
}

/// <summary>Command-line overrides of a training YAML: dataset folder, step count (the LR schedule spans it), output folder.</summary>
public sealed record TrainRunOverrides(string? Dataset = null, long? Steps = null, string? OutputDir = null)
{
    /// <summary>The dataset, overridden when given.</summary>
    public string DatasetOr(string dataset) => Dataset ?? dataset;

    /// <summary>The loop settings with the step count and output folder overridden when given.</summary>
    public TrainConfig Apply(TrainConfig training) =>
        training with { Steps = Steps ?? training.Steps, OutputDir = OutputDir ?? training.OutputDir };

    /// <summary>
    /// The checks shared by every run config: a dataset, a positive batch, an output folder, valid loop settings.
    /// </summary>
    public static void ValidateCommon(string dataset, int batchSize, TrainConfig training)
    {
        if (string.IsNullOrWhiteSpace(dataset)) throw new ArgumentException("'dataset' must name a dataset folder.");
        if (batchSize < 1) throw new ArgumentException($"'batch_size' must be ≥ 1, got {batchSize}.");
        if (training.OutputDir is null) throw new ArgumentException("'training.output_dir' must be set: checkpoints and metrics go there.");
        training.Validated();
    }
}
