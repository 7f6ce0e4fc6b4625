using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Toy;
using RoboDiffusion.Training;

namespace RoboDiffusion.Experiments.Toy;

/// <summary>Where the denoiser of a toy run comes from.</summary>
public enum ToyDenoiserKind
{
    /// <summary>An MLP trained on the dataset for <see cref="ToyRunConfig.TrainSteps"/> steps.</summary>
    Trained,
    /// <summary>The closed-form optimal denoiser of a Gaussian mixture (gmm8 only).</summary>
    Exact,
}

/// <summary>One toy experiment: a 2-D dataset, a denoiser (trained or exact), a sampler and its σ grid.</summary>
public sealed record ToyRunConfig
{
    public string Dataset { get; init; } = "gmm8";
    public ToyDenoiserKind Denoiser { get; init; } = ToyDenoiserKind.Trained;
    public int TrainSteps { get; init; } = 4000;        // ~10 s on 2 cores with the default MLP
    public int BatchSize { get; init; } = 512;
    public ObjectiveConfig Objective { get; init; } = new() { Parameterization = Parameterization.Edm, SigmaData = 2.0 };
    public MlpDenoiserConfig Network { get; init; } = new() { Width = 128, Depth = 3, EmbedDim = 32, NoiseLevelScale = 100 };
    public TrainConfig Training { get; init; } = new()
    {
        LearningRate = 2e-3, Beta1 = 0.9, Beta2 = 0.999, WeightDecay = 0, WarmupSteps = 200, LogEvery = 100,
        Ema = new() { Power = 2.0 / 3.0, MaxValue = 0.999 },
    };
    public SamplerKind Sampler { get; init; } = SamplerKind.DpmPp2M;
    public SamplerOptions SamplerOptions { get; init; } = new();
    public SigmaGridSpec Grid { get; init; } = new();
    public int Samples { get; init; } = 2000;
    public long Seed { get; init; }

    /// <summary>Returns this config or throws naming the first invalid field.</summary>
    public ToyRunConfig Validated()
    {
        if (!ToyDatasets.Names.Contains(Dataset, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown toy dataset '{Dataset}'; valid names: {string.Join(", ", ToyDatasets.Names)}.");
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "--n must be at least 1.");
        if (TrainSteps < 1) throw new ArgumentOutOfRangeException(nameof(TrainSteps), TrainSteps, "--train-steps must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        if (Grid.Steps < 1) throw new ArgumentOutOfRangeException(nameof(Grid.Steps), Grid.Steps, "--steps must be at least 1.");
        if (Denoiser == ToyDenoiserKind.Exact && !Dataset.Equals("gmm8", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"The exact denoiser exists only for gmm8, not '{Dataset}'; use --denoiser trained.");
        Objective.Validated();
        Network.Validated();
        return this;
    }
}
